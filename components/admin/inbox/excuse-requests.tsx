import { getFormatter, getTranslations } from "next-intl/server";
import { decideExcuseRequests } from "@/app/[locale]/(personal)/admin/cohorts/[id]/inbox/actions";
import { SelectAll } from "@/components/admin/select-all";
import { DataTable } from "@/components/ui/data-table";
import { getLecture } from "@/lib/content";
import type { listPendingExcuses } from "@/lib/db/inbox";
import { Link } from "@/lib/i18n/navigation";
import { DecisionButtons } from "./decision-buttons";
import { SelectRow } from "./select-row";
import { CONTROL } from "@/components/ui/control-classes";

type Href = { pathname: string; query: Record<string, string | number> };

/**
 * A page of pending excuse requests, each with a checkbox, and the bulk decisions with
 * an optional message. Times are shown in the organiser's own time zone, named.
 */
export async function ExcuseRequests(props: {
  cohortId: string;
  rows: Awaited<ReturnType<typeof listPendingExcuses>>;
  selectAllHref: Href;
  selectAll: boolean;
  timeZone: string;
}) {
  const { cohortId, rows, selectAllHref, selectAll, timeZone } = props;
  const t = await getTranslations("AdminInbox");
  const format = await getFormatter();
  if (rows.length === 0) return <p className="text-stone-700">{t("emptyExcuses")}</p>;
  const formId = "excuse-requests";
  const when = (d: Date) =>
    // Intl refuses timeZoneName beside dateStyle/timeStyle: the parts are named one by one.
    format.dateTime(d, {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
  return (
    <form id={formId} action={decideExcuseRequests}>
      <input type="hidden" name="cohortId" value={cohortId} />
      <p className="mb-3">
        <SelectAll formId={formId} label={t("selectAll")} />
        <noscript>
          <Link href={selectAllHref} className="font-medium text-brand-700 underline">
            {t("selectAll")}
          </Link>
        </noscript>
      </p>
      <DataTable stacked headers={[t("select"), t("participant"), t("session"), t("reason"), t("requested")]}>
        {rows.map((x) => {
          const who = x.user.certificateName ?? x.user.name ?? x.user.email;
          const lecture = getLecture(x.session.lectureSlug)?.lecture;
          return (
            <tr key={x.id}>
              <td className="px-4 py-3">
                <SelectRow
                  id={x.id}
                  label={t("selectExcuse", { name: who, session: when(x.session.startsAt) })}
                  checked={selectAll}
                />
              </td>
              <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                <span dir="auto">{who}</span>
                <span className="block font-normal break-all text-stone-700">{x.user.email}</span>
              </th>
              <td className="px-4 py-3" data-label={t("session")}>
                {lecture ? t("lecture", { number: lecture.number, title: lecture.meta.title }) : x.session.lectureSlug}
                <span className="block whitespace-nowrap text-stone-700">{when(x.session.startsAt)}</span>
              </td>
              <td className="px-4 py-3" data-label={t("reason")}>
                <span dir="auto" className="block max-w-prose whitespace-pre-line">
                  {x.reason}
                </span>
              </td>
              <td className="px-4 py-3 whitespace-nowrap" data-label={t("requested")}>
                {when(x.createdAt)}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <div className="mt-4 max-w-xl">
        <label htmlFor="inbox-note" className="block font-medium text-stone-900">
          {t("note")}
        </label>
        <p id="inbox-note-hint" className="text-sm text-stone-700">
          {t("noteHint")}
        </p>
        <textarea
          id="inbox-note"
          name="note"
          rows={3}
          maxLength={1000}
          aria-describedby="inbox-note-hint"
          className={`mt-1 block w-full ${CONTROL}`}
        />
      </div>
      <DecisionButtons list="excuses" />
    </form>
  );
}
