import { getFormatter, getTranslations } from "next-intl/server";
import type { ownNotices } from "@/lib/db/notices";
import { LinkedText } from "@/components/ui/linked-text";
import { paragraphs } from "@/lib/domain/announcements";
import { sessionDateParts } from "@/lib/i18n/format";

type Notices = Awaited<ReturnType<typeof ownNotices>>;

/** The participant's latest notices (what the organisers decided, certificates issued), newest first: the same as e-mailed. */
export async function NoticesPanel(props: {
  notices: Notices;
  timeZone: string;
  locale: string;
  lectureTitles: Map<string, string>;
}) {
  const { notices, timeZone, locale } = props;
  if (notices.length === 0) return null;
  const t = await getTranslations("Dashboard.notices");
  const format = await getFormatter();
  return (
    <section aria-labelledby="notices-title" className="mt-10">
      <h2 id="notices-title" className="text-xl font-semibold text-stone-900">
        {t("title")}
      </h2>
      <ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
        {notices.map((n) => {
          const cohort = n.cohort ?? "";
          let sentence: string;
          let note: string | null = null;
          switch (n.kind) {
            case "enrolment.moved":
              sentence = t("enrolment_moved", { cohort, from: n.data.fromCohort });
              break;
            case "certificate.issued":
              sentence = t("certificate_issued", { cohort, code: n.data.code });
              break;
            case "certificate.resigned":
              sentence = t("certificate_resigned", { cohort, code: n.data.code });
              break;
            case "excuse.accepted":
            case "excuse.refused": {
              const { date, time } = sessionDateParts(new Date(n.data.startsAt), timeZone, locale);
              const lecture = props.lectureTitles.get(n.data.lectureSlug) ?? n.data.lectureSlug;
              sentence = t(n.kind === "excuse.accepted" ? "excuse_accepted" : "excuse_refused", {
                session: `${lecture}, ${date} ${time}`,
              });
              note = n.data.note;
              break;
            }
            case "enrolment.approved":
              sentence = t("enrolment_approved", { cohort });
              break;
            case "enrolment.rejected":
              sentence = t("enrolment_rejected", { cohort });
              break;
            case "enrolment.withdrawn":
              sentence = t("enrolment_withdrawn", { cohort });
              break;
            case "checkin.open": {
              const { time } = sessionDateParts(new Date(n.data.closesAt), timeZone, locale);
              const lecture = props.lectureTitles.get(n.data.lectureSlug) ?? n.data.lectureSlug;
              sentence = t("checkin_open", { lecture, time });
              break;
            }
            case "quiz.closing": {
              const { date, time } = sessionDateParts(new Date(n.data.closesAt), timeZone, locale);
              sentence = t("quiz_closing", {
                cohort,
                when: `${date} ${time}`,
                quizzes: n.data.lectureSlugs.map((s) => props.lectureTitles.get(s) ?? s).join("; "),
              });
              break;
            }
            case "announcement":
              sentence = t("announcement", { cohort, subject: n.data.subject });
              break;
          }
          return (
            <li key={n.id} className="p-4">
              <p className="text-stone-900">{sentence}</p>
              {note && <p className="mt-1 text-stone-800">{t("note", { note })}</p>}
              {n.body &&
                paragraphs(n.body).map((p, i) => (
                  <p key={i} className="mt-2 whitespace-pre-line wrap-anywhere text-stone-800">
                    <LinkedText text={p} />
                  </p>
                ))}
              <p className="mt-1 text-sm text-stone-600">
                <time dateTime={n.createdAt.toISOString()}>
                  {format.dateTime(n.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone })}
                </time>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
