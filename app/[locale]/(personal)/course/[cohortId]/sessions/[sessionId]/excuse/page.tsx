import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getOwnExcuse } from "@/lib/db/excuses";
import { getOwnCohortSchedule } from "@/lib/db/sessions";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { askExcuseAction } from "./actions";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("Excuse");

export default async function ExcusePage({
  params,
  searchParams,
}: PageProps<"/[locale]/course/[cohortId]/sessions/[sessionId]/excuse">) {
  const { locale, cohortId, sessionId } = await params;
  setRequestLocale(locale);
  const user = await requireCompleteProfile(`/course/${cohortId}/sessions/${sessionId}/excuse`);
  const db = getDb();
  // Only a session of a cohort where the participant holds an active place.
  const cohort = cohortId.length <= 40 ? await getOwnCohortSchedule(db, user.id, cohortId) : null;
  const session = cohort?.sessions.find((s) => s.id === sessionId);
  if (!cohort || !session) notFound();
  const excuse = await getOwnExcuse(db, user.id, session.id);
  const query = await searchParams;
  const t = await getTranslations("Excuse");
  const format = await getFormatter();
  const lecture = getLecture(session.lectureSlug)?.lecture;
  // The zone is named: the participant may be travelling, or their profile's zone may not be their device's.
  const when = format.dateTime(session.startsAt, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: user.timeZone,
    timeZoneName: "short",
  });
  const error =
    typeof query.error === "string" && ["invalid-reason", "already-decided", "not-found"].includes(query.error)
      ? query.error
      : undefined;
  const decided = excuse && excuse.status !== "PENDING";
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/dashboard" className="text-sm font-medium text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-800">
        {t("session", { lecture: lecture ? `${lecture.number}: ${lecture.meta.title}` : session.lectureSlug, when })}
      </p>
      {query.sent === "1" && (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t("sent")}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t(`errors.${error as "invalid-reason"}`)}
        </p>
      )}
      {excuse && (
        <p className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-stone-900">
          {t(`status.${excuse.status}`)}
          {excuse.decisionNote && (
            <span className="mt-1 block" dir="auto">
              {t("note", { note: excuse.decisionNote })}
            </span>
          )}
        </p>
      )}
      {!decided && (
        <form action={askExcuseAction} className="mt-6 space-y-4">
          <input type="hidden" name="cohortId" value={cohort.id} />
          <input type="hidden" name="sessionId" value={session.id} />
          <div>
            <label htmlFor="reason" className="block font-medium text-stone-900">
              {t("reason")}
            </label>
            <p id="reason-hint" className="text-sm text-stone-600">
              {t("reasonHint")}
            </p>
            <textarea
              id="reason"
              name="reason"
              rows={4}
              required
              minLength={3}
              maxLength={1000}
              defaultValue={excuse?.reason ?? ""}
              aria-describedby="reason-hint"
              aria-invalid={error === "invalid-reason" || undefined}
              className={`mt-1 block w-full ${CONTROL} aria-invalid:border-red-700`}
            />
          </div>
          <button
            type="submit"
            className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
          >
            {excuse ? t("update") : t("send")}
          </button>
        </form>
      )}
    </div>
  );
}
