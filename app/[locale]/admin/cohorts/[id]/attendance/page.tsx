import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { requireAdmin } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { cohortAttendance } from "@/lib/db/attendance";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("AdminAttendance");

const LETTER = { PRESENT: "P", LATE: "L", EXCUSED: "E", ABSENT: "A" } as const;

export default async function CohortAttendancePage({ params }: PageProps<"/[locale]/admin/cohorts/[id]/attendance">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireAdmin(`/admin/cohorts/${id}/attendance`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const m = await cohortAttendance(db, cohort.id);
  const t = await getTranslations("AdminAttendance");
  const format = await getFormatter();
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const day = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short", timeZone: cohort.timeZone });
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="attendance" />
      <section aria-labelledby="matrix-title" className="mt-8">
        <h2 id="matrix-title" className="text-xl font-semibold text-stone-900">{t("matrixTitle")}</h2>
        <p className="mt-1 text-stone-700">{t("matrixIntro", { held: m.held, excused: m.settings.excusedCounts ? "yes" : "no" })}</p>
        <p className="mt-1 text-sm text-stone-600">{t("legend")}</p>
        {m.sessions.length === 0 ? (
          <p className="mt-4 text-stone-700">{t("noSessions")}</p>
        ) : (
          <div className="mt-4 overflow-x-auto rounded-xl border border-stone-200 bg-white">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("matrixTitle")}</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start">{t("participant")}</th>
                  {m.sessions.map((s) => {
                    const lecture = getLecture(s.lectureSlug)?.lecture;
                    return (
                      <th key={s.id} scope="col" className="px-3 py-2 text-start font-medium">
                        <Link href={`/admin/cohorts/${cohort.id}/sessions/${s.id}/attendance`} className="text-brand-700 underline">
                          {lecture ? t("lecture", { number: lecture.number }) : s.lectureSlug}
                        </Link>
                        <span className="block text-xs font-normal text-stone-600">{day(s.startsAt)}</span>
                      </th>
                    );
                  })}
                  <th scope="col" className="px-3 py-2 text-start">{t("rate")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {m.rows.map((r) => (
                  <tr key={r.user.id}>
                    <th scope="row" className="px-3 py-2 text-start font-medium text-stone-900">{r.user.certificateName ?? r.user.name ?? r.user.email}</th>
                    {r.statuses.map((s, i) => (
                      <td key={m.sessions[i]!.id} className="px-3 py-2">
                        {s ? <abbr title={t(`statuses.${s}`)} className="no-underline">{LETTER[s]}</abbr> : <span className="text-stone-500">·</span>}
                      </td>
                    ))}
                    <td className="px-3 py-2 font-medium">{pct(r.rate)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t border-stone-200 bg-stone-50">
                <tr>
                  <th scope="row" className="px-3 py-2 text-start">{t("sessionRate")}</th>
                  {m.perSession.map((rate, i) => <td key={m.sessions[i]!.id} className="px-3 py-2 font-medium">{pct(rate)}</td>)}
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
