// The Zoom report preview's "matched as before": people the cohort's organisers matched by hand in an earlier
// report. Each choice stays changeable (the select sends it with the form, like the review's) and can be forgotten.
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import type { RememberedRow } from "@/lib/domain/zoom-import";

export async function ZoomRemembered({
  rows,
  participants,
  labels,
  forgetAction,
}: {
  rows: readonly RememberedRow[];
  /** Participant ids in the order the selects list them. */
  participants: readonly string[];
  labels: ReadonlyMap<string, string>;
  /** Called with the row's person key and the form. */
  forgetAction: (zoomKey: string, form: FormData) => Promise<void>;
}) {
  if (rows.length === 0) return null;
  const t = await getTranslations("AdminAttendance");
  const format = await getFormatter();
  return (
    <section aria-labelledby="remembered-title">
      <h3 id="remembered-title" className="text-lg font-semibold text-stone-900">
        {t("rememberedTitle")}
      </h3>
      <p className="mt-1 text-stone-700">{t("rememberedIntro")}</p>
      <DataTable className="mt-3" headers={[t("inReport"), t("minutesHeader"), t("whoIsIt"), t("rememberedHeader")]}>
        {rows.map((r) => (
          <tr key={r.person.key}>
            <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
              <span dir="auto">{r.person.names.join(" / ")}</span>
              {r.person.email && <span className="block text-sm font-normal text-stone-600">{r.person.email}</span>}
            </th>
            <td className="px-4 py-3">{format.number(r.minutes, { maximumFractionDigits: 1 })}</td>
            <td className="px-4 py-3">
              <label htmlFor={`a-${r.person.key}`} className="sr-only">
                {t("whoIsFor", { name: r.person.name })}
              </label>
              <select
                id={`a-${r.person.key}`}
                name={`a:${r.person.key}`}
                defaultValue={r.userId}
                className="rounded-lg border border-stone-400 bg-white px-2 py-1 text-stone-900"
              >
                <option value="ignore">{t("ignore")}</option>
                {participants.map((uid) => (
                  <option key={uid} value={uid}>
                    {labels.get(uid)}
                  </option>
                ))}
              </select>
            </td>
            <td className="px-4 py-3">
              <span className="block text-stone-700">
                {t("rememberedAs", { who: labels.get(r.remembered) ?? r.remembered })}
              </span>
              <button
                type="submit"
                formAction={forgetAction.bind(null, r.person.key)}
                formMethod="post"
                aria-label={t("forgetFor", { name: r.person.name })}
                className="mt-1 font-medium text-brand-700 underline hover:text-brand-800"
              >
                {t("forget")}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
