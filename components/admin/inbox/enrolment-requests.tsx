import { getFormatter, getTranslations } from "next-intl/server";
import { decideEnrolmentRequests } from "@/app/[locale]/(personal)/admin/cohorts/[id]/inbox/actions";
import { SelectAll } from "@/components/admin/select-all";
import { DataTable } from "@/components/ui/data-table";
import type { listPendingEnrolments } from "@/lib/db/inbox";
import { countryName } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { DecisionButtons } from "./decision-buttons";
import { SelectRow } from "./select-row";

type Href = { pathname: string; query: Record<string, string | number> };

/** A page of pending enrolment requests, each with a checkbox, and the bulk decisions. */
export async function EnrolmentRequests(props: {
  cohortId: string;
  rows: Awaited<ReturnType<typeof listPendingEnrolments>>;
  selectAllHref: Href;
  selectAll: boolean;
  locale: string;
  timeZone: string;
}) {
  const { cohortId, rows, selectAllHref, selectAll, locale, timeZone } = props;
  const t = await getTranslations("AdminInbox");
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-stone-700">{t("emptyEnrolments")}</p>;
  const formId = "enrolment-requests";
  return (
    <form id={formId} action={decideEnrolmentRequests}>
      <input type="hidden" name="cohortId" value={cohortId} />
      <p className="mb-3">
        <SelectAll formId={formId} label={t("selectAll")} />
        <noscript>
          <Link href={selectAllHref} className="font-medium text-brand-700 underline">
            {t("selectAll")}
          </Link>
        </noscript>
      </p>
      <DataTable
        stacked
        headers={[t("select"), t("name"), t("email"), t("country"), t("organisation"), t("requested")]}
      >
        {rows.map((e) => {
          const who = e.user.certificateName ?? e.user.name ?? e.user.email;
          return (
            <tr key={e.id}>
              <td className="px-4 py-3">
                <SelectRow id={e.id} label={t("selectOne", { name: who })} checked={selectAll} />
              </td>
              <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900" dir="auto">
                {who}
              </th>
              <td className="px-4 py-3 break-all" data-label={t("email")}>
                {e.user.email}
              </td>
              <td className="px-4 py-3" data-label={t("country")}>
                {e.user.country ? countryName(e.user.country, locale) : "—"}
              </td>
              <td className="px-4 py-3" data-label={t("organisation")} dir="auto">
                {e.user.organisation ?? "—"}
              </td>
              <td className="px-4 py-3 whitespace-nowrap" data-label={t("requested")}>
                {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <DecisionButtons list="enrolments" />
    </form>
  );
}
