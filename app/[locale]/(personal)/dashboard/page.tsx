import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireCompleteProfile } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { ownDashboard, type DashboardAttendance } from "@/lib/db/dashboard";
import { ownNotices } from "@/lib/db/notices";
import { CertificatePanel } from "@/components/certificates/certificate-panel";
import { CohortDates } from "@/components/cohorts/cohort-dates";
import { openCohortsTag } from "@/components/cohorts/open-cohorts-link";
import { NoticesPanel } from "@/components/dashboard/notices-panel";
import { ProgressPanel } from "@/components/dashboard/progress-panel";
import { issueContext } from "@/lib/certificates/context";
import { lectureScheduleStatus, nextSessions, sessionPhase } from "@/lib/domain/schedule";
import { sessionDateParts } from "@/lib/i18n/format";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("Dashboard");

const badge = {
  "not-scheduled": "bg-stone-100 text-stone-800",
  upcoming: "bg-sky-50 text-sky-900",
  live: "bg-green-100 text-green-900",
  held: "bg-stone-100 text-stone-800",
} as const;

const CERTIFICATE_NOTICES = ["issued", "not-eligible", "no-name", "not-enrolled", "revoked"] as const;

export default async function DashboardPage({ params, searchParams }: PageProps<"/[locale]/dashboard">) {
  const { locale } = await params;
  const query = await searchParams;
  const notice = CERTIFICATE_NOTICES.find((n) => n === query.certificate);
  setRequestLocale(locale);
  const user = await requireCompleteProfile("/dashboard");
  const lectures = listLectures();
  const context = await issueContext();
  const now = new Date();
  const [cohorts, notices] = await Promise.all([
    ownDashboard(getDb(), user.id, context.lectures, now),
    ownNotices(getDb(), user.id),
  ]);
  const t = await getTranslations("Dashboard");
  const format = await getFormatter();
  const title = new Map(lectures.map((l) => [l.slug, l.meta.title]));
  const zone = user.timeZone;
  const when = (d: Date, timeZone = zone) =>
    format.dateTime(d, {
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    });
  const active = cohorts.filter((c) => c.status === "ACTIVE");
  const tc = await getTranslations("Certificates");
  const pending = cohorts.filter((c) => c.status === "PENDING");
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">
        {t("welcome", { name: user.name ?? user.email })} {t("timeZoneNote", { zone: zone.replaceAll("_", " ") })}{" "}
        <Link
          href={{ pathname: "/profile", query: { callbackUrl: "/dashboard" } }}
          className="font-medium text-brand-700 underline"
        >
          {t("changeTimeZone")}
        </Link>
      </p>
      {(user.role === "ADMIN" || user.role === "ORGANISER") && (
        <p className="mt-4 rounded-lg border border-brand-100 bg-brand-50 p-4 text-stone-800">
          {user.role === "ADMIN" ? t("staff.admin") : t("staff.organiser")}{" "}
          <Link href="/admin/cohorts" className="font-medium text-brand-800 underline">
            {t("staff.link")}
          </Link>
        </p>
      )}
      {notice && (
        <p
          role={notice === "issued" ? "status" : "alert"}
          className={`mt-6 rounded-lg border p-4 ${notice === "issued" ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"}`}
        >
          {tc(`notice.${notice}`)}
        </p>
      )}
      {pending.map(({ cohort }) => (
        <p key={cohort.id} className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">
          {t("pending", { cohort: cohort.name })}
        </p>
      ))}
      {active.length === 0 && pending.length === 0 && (
        <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
          <p className="text-stone-800">{t.rich("noCohort", openCohortsTag)}</p>
          <p className="mt-3">
            <Link href="/lectures" className="font-medium text-brand-700 underline">
              {t("browseLectures")}
            </Link>
          </p>
        </div>
      )}
      {active.map(
        ({ cohort, quizzes, timedOut, attendance, certificates, eligibility, autoIssue, progress, deadline }) => {
          const upcoming = nextSessions(cohort.sessions, now, 5);
          return (
            <section key={cohort.id} aria-labelledby={`cohort-${cohort.id}`} className="mt-10">
              <div className="flex flex-wrap items-end justify-between gap-4">
                <div>
                  <h2 id={`cohort-${cohort.id}`} className="text-2xl font-semibold text-stone-900">
                    {cohort.name}
                  </h2>
                  <p className="mt-1 text-stone-700">
                    <CohortDates startsOn={cohort.startsOn} endsOn={cohort.endsOn} dateStyle="medium" />
                  </p>
                </div>
                {cohort.sessions.length > 0 && (
                  <a
                    href={`/api/cohorts/${cohort.id}/schedule.ics`}
                    download
                    className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
                  >
                    {t("calendar")}
                  </a>
                )}
              </div>
              <ProgressPanel cohortId={cohort.id} progress={progress} deadline={deadline} timeZone={zone} />
              <div className="mt-6 grid gap-8 lg:grid-cols-5">
                <section aria-labelledby={`next-${cohort.id}`} className="lg:col-span-2">
                  <h3 id={`next-${cohort.id}`} className="text-lg font-semibold text-stone-900">
                    {t("nextSessions")}
                  </h3>
                  {upcoming.length === 0 ? (
                    <p className="mt-2 text-stone-700">
                      {cohort.sessions.length === 0 ? t("noSessions") : t("allHeld")}
                    </p>
                  ) : (
                    <ol className="mt-3 space-y-3">
                      {upcoming.map((s) => {
                        const phase = sessionPhase(s, now);
                        return (
                          <li key={s.id} className="rounded-lg border border-stone-200 bg-white p-4">
                            <p className="font-medium text-stone-900">{title.get(s.lectureSlug) ?? s.lectureSlug}</p>
                            <p className="mt-1 text-stone-800">
                              <time dateTime={s.startsAt.toISOString()}>{when(s.startsAt)}</time>
                            </p>
                            {cohort.timeZone !== zone && (
                              <p className="text-sm text-stone-600">
                                {t("cohortTime", { time: when(s.startsAt, cohort.timeZone) })}
                              </p>
                            )}
                            {phase === "live" && <p className="mt-1 font-medium text-green-800">{t("liveNow")}</p>}
                            {(s.joinUrl || s.checkInOpen) && (
                              <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
                                {s.joinUrl && (
                                  <a href={s.joinUrl} className="font-medium text-brand-700 underline">
                                    {t("join")}
                                  </a>
                                )}
                                {s.checkInOpen && (
                                  <Link
                                    href={`/check-in/${s.id}`}
                                    className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
                                  >
                                    {t("checkIn")}
                                  </Link>
                                )}
                              </p>
                            )}
                          </li>
                        );
                      })}
                    </ol>
                  )}
                </section>
                <section aria-labelledby={`lectures-${cohort.id}`} className="lg:col-span-3">
                  <h3 id={`lectures-${cohort.id}`} className="text-lg font-semibold text-stone-900">
                    {t("lectures")}
                  </h3>
                  <ol className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
                    {lectures.map((l) => {
                      const st = lectureScheduleStatus(l.slug, cohort.sessions, now);
                      const quiz = quizzes[l.slug]!;
                      // An attempt whose time ran out leads to its result.
                      const result = timedOut[l.slug];
                      return (
                        <li key={l.slug} className="flex flex-wrap items-start justify-between gap-3 p-4">
                          <div>
                            <Link
                              href={`/course/${cohort.id}/lectures/${l.slug}`}
                              className="font-medium text-brand-800 underline"
                            >
                              {t("lecture", { number: l.number, title: l.meta.title })}
                            </Link>
                            <p className="text-sm text-stone-600">{l.meta.speaker.name}</p>
                            <p className="mt-1 text-sm text-stone-800">
                              {t(`quiz.${quiz.status}`, { percent: "percent" in quiz ? quiz.percent : 0 })}
                              {quiz.attemptsLeft !== null && quiz.status !== "passed" && (
                                <> · {t("quiz.left", { count: quiz.attemptsLeft })}</>
                              )}
                              {" · "}
                              <Link
                                href={`/course/${cohort.id}/quiz/${l.slug}${result ? `/attempt/${result}` : ""}`}
                                className="font-medium text-brand-700 underline"
                              >
                                {result
                                  ? t("quiz.result")
                                  : quiz.status === "in-progress"
                                    ? t("quiz.resume")
                                    : quiz.status === "not-started"
                                      ? t("quiz.take")
                                      : t("quiz.view")}
                                <span className="sr-only">{t("quiz.open", { number: l.number })}</span>
                              </Link>
                            </p>
                          </div>
                          <span className={`rounded-full px-3 py-1 text-sm font-medium ${badge[st.status]}`}>
                            {st.status === "not-scheduled"
                              ? t("status.not-scheduled")
                              : t(`status.${st.status}`, sessionDateParts(st.session.startsAt, zone, locale))}
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                </section>
              </div>
              <CertificatePanel
                cohortId={cohort.id}
                certificates={certificates}
                eligibility={eligibility}
                autoIssue={autoIssue}
                origin={context.origin}
                achievementName={context.achievement.name}
                issuerName={context.issuerName}
                lectureTitles={title}
                sessionTitles={
                  new Map(
                    attendance.sessions.map((s) => [
                      s.id,
                      `${title.get(s.lectureSlug) ?? s.lectureSlug} (${when(s.startsAt)})`,
                    ]),
                  )
                }
              />
              <Attendance data={attendance} id={cohort.id} when={when} titles={title} t={t} />
            </section>
          );
        },
      )}
      <NoticesPanel notices={notices} timeZone={zone} locale={locale} lectureTitles={title} />
      <p className="mt-12 text-sm">
        <Link href="/account" className="font-medium text-brand-700 underline">
          {t("account")}
        </Link>
      </p>
    </div>
  );
}

function Attendance({
  data,
  id,
  when,
  titles,
  t,
}: {
  data: DashboardAttendance;
  id: string;
  when: (d: Date) => string;
  titles: Map<string, string>;
  t: Awaited<ReturnType<typeof getTranslations<"Dashboard">>>;
}) {
  const now = new Date();
  if (data.sessions.length === 0) return null;
  return (
    <section aria-labelledby={`attendance-${id}`} className="mt-8">
      <h3 id={`attendance-${id}`} className="text-lg font-semibold text-stone-900">
        {t("attendance.title")}
      </h3>
      <p className="mt-2 text-stone-800">
        {data.held === 0
          ? t("attendance.none")
          : t("attendance.rate", { rate: data.rate ?? 0, held: data.held, excused: data.excusedCounts ? "yes" : "no" })}
      </p>
      <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {data.sessions.map((s) => {
          const held = s.startsAt <= now;
          const canAsk =
            s.status !== "PRESENT" &&
            s.status !== "LATE" &&
            s.status !== "EXCUSED" &&
            s.excuse !== "APPROVED" &&
            s.excuse !== "REJECTED";
          return (
            <li key={s.id} className="flex flex-wrap items-start justify-between gap-2 p-3">
              <span className="text-stone-900">
                {titles.get(s.lectureSlug) ?? s.lectureSlug}
                <span className="block text-sm text-stone-600">{when(s.startsAt)}</span>
              </span>
              <span className="text-end">
                <span className="block font-medium text-stone-900">
                  {held ? t(`attendance.status.${s.status ?? "NONE"}`) : t("attendance.upcoming")}
                </span>
                {s.excuse && <span className="block text-sm text-stone-700">{t(`attendance.excuse.${s.excuse}`)}</span>}
                {s.excuse && s.excuseNote && (
                  <span className="block text-sm text-stone-700" dir="auto">
                    {t("attendance.excuseNote", { note: s.excuseNote })}
                  </span>
                )}
                {canAsk && (
                  <Link
                    href={`/course/${id}/sessions/${s.id}/excuse`}
                    className="text-sm font-medium text-brand-700 underline"
                  >
                    {s.excuse === "PENDING" ? t("attendance.editExcuse") : t("attendance.askExcuse")}
                  </Link>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
