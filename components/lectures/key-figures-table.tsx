import { getTranslations } from "next-intl/server";
import type { TKeyFigure } from "@/lib/schemas/content";

export async function KeyFiguresTable({ figures, captionId }: { figures: TKeyFigure[]; captionId: string }) {
  const t = await getTranslations("Lecture");
  return (
    <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
      <table className="w-full text-start text-sm">
        <caption id={captionId} className="px-4 pt-4 pb-2 text-start text-lg font-semibold text-stone-900">
          {t("keyFiguresTitle")}
        </caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-700">
          <tr>
            <th scope="col" className="px-4 py-2 text-start font-semibold">{t("figure")}</th>
            <th scope="col" className="px-4 py-2 text-start font-semibold">{t("value")}</th>
            <th scope="col" className="px-4 py-2 text-start font-semibold">{t("note")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {figures.map((f) => (
            <tr key={f.label} className="align-top">
              <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">{f.label}</th>
              <td className="px-4 py-3 font-semibold whitespace-nowrap text-brand-800 tabular-nums">{f.value}</td>
              <td className="px-4 py-3 text-stone-700">{f.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
