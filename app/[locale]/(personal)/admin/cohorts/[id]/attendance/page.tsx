import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { requireCohortManager } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { Pager } from "@/components/ui/pager";
import { cohortAttendancePage } from "@/lib/db/attendance-register";
import { firstValues, ZPage, ZSearch } from "@/lib/domain/paging";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { saveAttendanceSettingsAction } from "./actions";
import { CONTROL } from "@/components/ui/control-classes";
import { ScrollFrame } from "@/components/ui/scroll-frame";

export const generateMetadata = () => privatePageMetadata("AdminAttendance");

const LETTER = { PRESENT: "P", LATE: "L", EXCUSED: "E", ABSENT: "A" } as const;

const FIELDS = ["presentPercent", "latePercent", "lateAfterMinutes"] as const;

export default async function CohortAttendancePage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/attendance">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/attendance`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const query = await searchParams;
  const view = { q: ZSearch.parse(firstValues(query).q), page: ZPage.parse(firstValues(query).page) };
  const m = await cohortAttendancePage(db, cohort.id, view);
  const base = `/admin/cohorts/${cohort.id}/attendance`;
  const field = FIELDS.find((f) => f === query.field);
  const fieldError = field && typeof query.error === "string" ? query.error : undefined;
  const t = await getTranslations("AdminAttendance");
  const format = await getFormatter();
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short", timeZone: cohort.timeZone });
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="attendance" />
      <section aria-labelledby="matrix-title" className="mt-8">
        <h2 id="matrix-title" className="text-xl font-semibold text-stone-900">
          {t("matrixTitle")}
        </h2>
        <p className="mt-1 text-stone-700">
          {t("matrixIntro", { held: m.held, excused: m.settings.excusedCounts ? "yes" : "no" })}
        </p>
        <p className="mt-1 text-sm text-stone-600">{t("legend")}</p>
        <p className="mt-2">
          <a
            href={`/api/admin/cohorts/${cohort.id}/attendance.csv`}
            download
            className="font-medium text-brand-700 underline"
          >
            {t("export")}
          </a>
          <span aria-hidden="true"> · </span>
          <a
            href={`/api/admin/cohorts/${cohort.id}/attendance.csv?layout=records`}
            download
            className="font-medium text-brand-700 underline"
          >
            {t("exportRecords")}
          </a>
        </p>
        <form method="get" role="search" className="mt-4 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="matrix-search" className="block font-medium text-stone-900">
              {t("search.label")}
            </label>
            <input
              id="matrix-search"
              name="q"
              type="search"
              defaultValue={view.q}
              maxLength={100}
              className={`mt-1 block w-72 max-w-full ${CONTROL}`}
            />
          </div>
          <button
            type="submit"
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
          >
            {t("search.submit")}
          </button>
          {view.q && (
            <Link href={base} className="py-2 font-medium text-brand-700 underline">
              {t("search.clear")}
            </Link>
          )}
        </form>
        {m.sessions.length === 0 ? (
          <p className="mt-4 text-stone-700">{t("noSessions")}</p>
        ) : (
          <ScrollFrame label={t("matrixTitle")} className="mt-4 rounded-xl border border-stone-200 bg-white">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("matrixTitle")}</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t("participant")}
                  </th>
                  {m.sessions.map((s) => {
                    const lecture = getLecture(s.lectureSlug)?.lecture;
                    return (
                      <th key={s.id} scope="col" className="px-3 py-2 text-start font-medium">
                        <Link
                          href={`/admin/cohorts/${cohort.id}/sessions/${s.id}/attendance`}
                          className="text-brand-700 underline"
                        >
                          {lecture ? t("lecture", { number: lecture.number }) : s.lectureSlug}
                        </Link>
                        <span className="block text-xs font-normal text-stone-600">{day(s.startsAt)}</span>
                      </th>
                    );
                  })}
                  <th scope="col" className="px-3 py-2 text-start">
                    {t("rate")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {m.rows.map((r) => (
                  <tr key={r.user.id}>
                    <th scope="row" className="px-3 py-2 text-start font-medium text-stone-900">
                      {r.user.certificateName ?? r.user.name ?? r.user.email}
                    </th>
                    {r.statuses.map((s, i) => (
                      <td key={m.sessions[i]!.id} className="px-3 py-2">
                        {s ? (
                          <abbr title={t(`statuses.${s}`)} className="no-underline">
                            {LETTER[s]}
                          </abbr>
                        ) : (
                          <span className="text-stone-500">·</span>
                        )}
                      </td>
                    ))}
                    <td className="px-3 py-2 font-medium">{pct(r.rate)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-stone-200 bg-stone-50">
                <tr>
                  <th scope="row" className="px-3 py-2 text-start">
                    {t("sessionRate")}
                  </th>
                  {m.perSession.map((rate, i) => (
                    <td key={m.sessions[i]!.id} className="px-3 py-2 font-medium">
                      {pct(rate)}
                    </td>
                  ))}
                  <td />
                </tr>
              </tfoot>
            </table>
          </ScrollFrame>
        )}
        <Pager
          pathname={base}
          query={view.q ? { q: view.q } : {}}
          page={m.window.page}
          pages={m.window.pages}
          labels={{
            nav: t("paging.nav"),
            previous: t("paging.previous"),
            next: t("paging.next"),
            pageOf: t("paging.pageOf", { page: m.window.page, pages: m.window.pages }),
          }}
          pageLabel={(page) => t("paging.page", { page })}
          summary={t("paging.showing", { from: m.window.from, to: m.window.to, total: m.window.total })}
        />
      </section>
      <section
        aria-labelledby="rules-title"
        className="mt-12 max-w-2xl rounded-xl border border-stone-200 bg-white p-6"
      >
        <h2 id="rules-title" className="text-xl font-semibold text-stone-900">
          {t("rulesTitle")}
        </h2>
        {query.settings === "saved" && (
          <p role="status" className="mt-3 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("rulesSaved")}
          </p>
        )}
        {fieldError && (
          <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
            {t("rulesInvalid")}
          </p>
        )}
        <form action={saveAttendanceSettingsAction} className="mt-4 space-y-4">
          <input type="hidden" name="cohortId" value={cohort.id} />
          <div className="grid gap-4 sm:grid-cols-3">
            {FIELDS.map((f) => (
              <div key={f}>
                <label htmlFor={f} className="block font-medium text-stone-900">
                  {t(`rules.${f}`)}
                </label>
                <input
                  id={f}
                  name={f}
                  type="number"
                  inputMode="numeric"
                  defaultValue={m.settings[f]}
                  aria-invalid={field === f || undefined}
                  aria-describedby={field === f ? `${f}-error` : undefined}
                  className={`mt-1 block w-full ${CONTROL} aria-invalid:border-red-700`}
                />
                {field === f && fieldError && (
                  <p id={`${f}-error`} className="mt-1 text-sm font-medium text-red-800">
                    {t(`rulesErrors.${fieldError === "late-above-present" ? "late-above-present" : "range"}`)}
                  </p>
                )}
              </div>
            ))}
          </div>
          <label className="flex items-start gap-2 text-stone-900">
            <input type="checkbox" name="excusedCounts" defaultChecked={m.settings.excusedCounts} className="mt-1" />
            {t("rules.excusedCounts")}
          </label>
          <button
            type="submit"
            className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
          >
            {t("rulesSave")}
          </button>
        </form>
      </section>
    </div>
  );
}
