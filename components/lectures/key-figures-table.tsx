import { getTranslations } from "next-intl/server";
import type { TKeyFigure } from "@/lib/schemas/content";

// A table on wider screens; below `sm` each row stacks into a small card so
// the note never scrolls out of sight.
export async function KeyFiguresTable({ figures, captionId }: { figures: TKeyFigure[]; captionId: string }) {
  const t = await getTranslations("Lecture");
  const cell = "px-4 sm:py-3 max-sm:block";
  return (
    <div className="rounded-xl border border-stone-200 bg-white">
      <table className="w-full text-start text-sm max-sm:block">
        <caption id={captionId} className="px-4 pt-4 pb-2 text-start text-lg font-semibold text-stone-900 max-sm:block">
          {t("keyFiguresTitle")}
        </caption>
        <thead className="border-b border-stone-200 bg-stone-50 text-stone-700 max-sm:sr-only">
          <tr>
            <th scope="col" className="px-4 py-2 text-start font-semibold">
              {t("figure")}
            </th>
            <th scope="col" className="px-4 py-2 text-start font-semibold">
              {t("value")}
            </th>
            <th scope="col" className="px-4 py-2 text-start font-semibold">
              {t("note")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 max-sm:block">
          {figures.map((f) => (
            <tr key={f.label} className="align-top max-sm:block max-sm:py-3">
              <th scope="row" className={`${cell} text-start font-medium text-stone-900`}>
                {f.label}
              </th>
              <td className={`${cell} font-semibold text-brand-800 tabular-nums max-sm:text-base sm:whitespace-nowrap`}>
                {f.value}
              </td>
              <td className={`${cell} text-stone-700`}>{f.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
