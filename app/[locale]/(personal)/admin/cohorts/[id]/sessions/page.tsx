import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { SessionForm } from "@/components/admin/session-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { requireCohortManager } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { listCohortSessions, sessionDeletionImpact } from "@/lib/db/sessions";
import { durationMinutes, joinLinkLabel } from "@/lib/domain/schedule";
import { toDateInput } from "@/lib/domain/time";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { removeSession } from "./actions";

export const generateMetadata = () => privatePageMetadata("AdminSessions");

export default async function CohortSessionsPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/sessions">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/sessions`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const sessions = await listCohortSessions(db, cohort.id);
  const t = await getTranslations("AdminSessions");
  const format = await getFormatter();
  const lectures = listLectures().map((l) => ({
    slug: l.slug,
    label: t("lectureOption", { number: l.number, title: l.meta.title }),
  }));
  const label = new Map(lectures.map((l) => [l.slug, l.label]));
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: cohort.timeZone });
  const query = await searchParams;
  const saved = (["added", "updated"] as const).find((s) => s === query.saved);
  // The confirmation panel for a Delete: what goes with the session.
  const deleting = typeof query.delete === "string" ? sessions.find((s) => s.id === query.delete) : undefined;
  const impact = deleting ? await sessionDeletionImpact(db, cohort.id, deleting.id) : null;
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="sessions" />
      <section aria-labelledby="schedule-title" className="mt-8">
        <h2 id="schedule-title" className="text-xl font-semibold text-stone-900">
          {t("title")}
        </h2>
        <p className="mt-1 text-stone-700">{t("intro", { zone: cohort.timeZone })}</p>
        {query.error === "not-found" && (
          <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
            {t("errors.not-found")}
          </p>
        )}
        {(query.deleted === "1" || saved) && (
          <p
            role="status"
            className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 font-medium text-green-900"
          >
            {saved ? t(saved) : t("deleted")}
          </p>
        )}
        {deleting && impact && (
          <section
            aria-labelledby="confirm-delete-title"
            className="mt-4 rounded-xl border border-red-300 bg-red-50 p-5 text-stone-900"
          >
            <h3 id="confirm-delete-title" className="text-lg font-semibold text-red-900">
              {t("confirmTitle", {
                lecture: label.get(deleting.lectureSlug) ?? deleting.lectureSlug,
                when: when(deleting.startsAt),
              })}
            </h3>
            <p className="mt-2">
              {impact.attendance > 0
                ? t("confirmWithAttendance", {
                    attendance: impact.attendance,
                    excuses: impact.excuses,
                    imports: impact.zoomImports,
                  })
                : t("confirmEmpty", { excuses: impact.excuses, imports: impact.zoomImports })}
            </p>
            {impact.attendance > 0 && <p className="mt-2">{t("confirmInstead")}</p>}
            <div className="mt-4 flex flex-wrap items-center gap-4">
              <form action={removeSession}>
                <input type="hidden" name="cohortId" value={cohort.id} />
                <input type="hidden" name="sessionId" value={deleting.id} />
                <input type="hidden" name="confirm" value="yes" />
                {impact.attendance > 0 && <input type="hidden" name="withAttendance" value="yes" />}
                <button
                  type="submit"
                  className="rounded-lg bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900"
                >
                  {impact.attendance > 0 ? t("confirmDeleteAll", { count: impact.attendance }) : t("confirmDelete")}
                </button>
              </form>
              <Link href={`/admin/cohorts/${cohort.id}/sessions`} className="font-medium text-brand-700 underline">
                {t("keep")}
              </Link>
              <Link
                href={`/admin/cohorts/${cohort.id}/sessions/${deleting.id}`}
                className="font-medium text-brand-700 underline"
              >
                {t("editInstead")}
              </Link>
            </div>
          </section>
        )}
        {sessions.length === 0 ? (
          <p className="mt-4 text-stone-700">{t("empty")}</p>
        ) : (
          <DataTable
            stacked
            className="mt-4"
            headers={[t("lecture"), t("starts"), t("duration"), t("join"), t("actions")]}
          >
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                  {label.get(s.lectureSlug) ?? s.lectureSlug}
                </th>
                <td className="px-4 py-3 whitespace-nowrap" data-label={t("starts")}>
                  <time dateTime={s.startsAt.toISOString()}>{when(s.startsAt)}</time>
                </td>
                <td className="px-4 py-3 whitespace-nowrap" data-label={t("duration")}>
                  {t("minutes", { minutes: durationMinutes(s) })}
                </td>
                <td className="px-4 py-3" data-label={t("join")}>
                  {s.joinUrl ? (
                    <a href={s.joinUrl} className="wrap-anywhere text-brand-700 underline">
                      {joinLinkLabel(s.joinUrl)}
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-4 py-3" data-label={t("actions")}>
                  <div className="flex flex-wrap items-center gap-3">
                    <Link
                      href={`/admin/cohorts/${cohort.id}/sessions/${s.id}/attendance`}
                      className="font-medium text-brand-700 underline"
                      aria-label={t("attendanceLabel", { when: when(s.startsAt) })}
                    >
                      {t("attendance")}
                    </Link>
                    <Link
                      href={`/admin/cohorts/${cohort.id}/sessions/${s.id}`}
                      className="font-medium text-brand-700 underline"
                      aria-label={t("editLabel", { when: when(s.startsAt) })}
                    >
                      {t("edit")}
                    </Link>
                    <Link
                      href={{ pathname: `/admin/cohorts/${cohort.id}/sessions`, query: { delete: s.id } }}
                      className="font-medium text-red-800 underline"
                      aria-label={t("deleteLabel", { when: when(s.startsAt) })}
                    >
                      {t("delete")}
                    </Link>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="add-title" className="mt-10 max-w-2xl rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="add-title" className="text-xl font-semibold text-stone-900">
          {t("addTitle")}
        </h2>
        <div className="mt-4">
          <ClientMessages namespaces={["AdminSessions"]}>
            <SessionForm
              cohortId={cohort.id}
              timeZone={cohort.timeZone}
              firstDay={toDateInput(cohort.startsOn)}
              lastDay={toDateInput(cohort.endsOn)}
              lectures={lectures}
              initial={{ lectureSlug: "", date: toDateInput(cohort.startsOn), startTime: "", endTime: "", joinUrl: "" }}
            />
          </ClientMessages>
        </div>
      </section>
    </div>
  );
}
