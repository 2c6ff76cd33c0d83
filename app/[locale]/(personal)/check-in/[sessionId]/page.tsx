import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CheckedIn, CheckInForm, CheckInRefused, ToCourse } from "@/components/check-in/check-in-form";
import { CHECK_IN_REFUSALS, type CheckInRefusal } from "@/lib/domain/check-in";
import { readCheckInPass, signCheckInPass, type CheckInPass } from "@/lib/auth/check-in-codes";
import { requireCompleteProfile } from "@/lib/auth/session";
import { authSecret } from "@/lib/auth/secret";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCheckInSession } from "@/lib/db/check-in";
import { privatePageMetadata } from "@/lib/i18n/metadata";

export const generateMetadata = () => privatePageMetadata("CheckIn");

/**
 * The code the page was opened with: a pass carried through sign-in, or the QR link's
 * `code`, which becomes a pass now, so that signing in first does not let it expire.
 */
function carriedCode(sessionId: string, query: Record<string, string | string[] | undefined>, now: Date) {
  if (typeof query.pass === "string") return readCheckInPass(authSecret(), sessionId, query.pass, now);
  const code = typeof query.code === "string" ? query.code.replace(/\D/g, "").slice(0, 6) : "";
  return code.length === 6 ? { code, seenAt: now } : undefined;
}

export default async function CheckInPage({ params, searchParams }: PageProps<"/[locale]/check-in/[sessionId]">) {
  const { locale, sessionId } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const carried: CheckInPass | undefined = carriedCode(sessionId, query, new Date());
  const pass = carried && signCheckInPass(authSecret(), sessionId, carried);
  const user = await requireCompleteProfile(`/check-in/${sessionId}${pass ? `?pass=${pass}` : ""}`);
  const t = await getTranslations("CheckIn");
  const session = await getCheckInSession(getDb(), user.id, sessionId);
  const done = query.done === "PRESENT" || query.done === "LATE" ? query.done : undefined;
  const error = session ? CHECK_IN_REFUSALS.find((e) => e === query.error) : "not-found";
  const wait = Math.ceil(Number(query.wait ?? 60) / 60);
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      {session && <SessionName session={session} timeZone={user.timeZone} />}
      {done ? (
        <CheckedIn message={t(`done.${done}`)} toCourse={t("toCourse")} />
      ) : session ? (
        // Keyed by the outcome in the address, so that the page's next outcome starts afresh.
        <CheckInForm
          key={`${error ?? ""}:${wait}`}
          sessionId={sessionId}
          pass={pass}
          defaultCode={carried?.code ?? ""}
          refused={error}
          texts={{
            intro: t("intro"),
            code: t("code"),
            submit: t("submit"),
            toCourse: t("toCourse"),
            done: { PRESENT: t("done.PRESENT"), LATE: t("done.LATE") },
            refusals: Object.fromEntries(
              CHECK_IN_REFUSALS.map((e) => [e, t(`errors.${e}`, { minutes: wait })]),
            ) as Record<CheckInRefusal, string>,
          }}
        />
      ) : (
        <>
          <CheckInRefused message={t("errors.not-found")} />
          <ToCourse label={t("toCourse")} />
        </>
      )}
    </div>
  );
}

/** Which session this is: its lecture, cohort and time, in the participant's time zone. */
async function SessionName({
  session,
  timeZone,
}: {
  session: NonNullable<Awaited<ReturnType<typeof getCheckInSession>>>;
  timeZone: string;
}) {
  const t = await getTranslations("CheckIn");
  const format = await getFormatter();
  const lecture = getLecture(session.lectureSlug)?.lecture;
  const time = { hour: "2-digit", minute: "2-digit", timeZone } as const;
  return (
    <div className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
      <p className="font-medium text-stone-900">
        {lecture ? t("lecture", { number: lecture.number, title: lecture.meta.title }) : session.lectureSlug}
      </p>
      <p className="mt-1 text-stone-800">
        <time dateTime={session.startsAt.toISOString()}>
          {t("when", {
            day: format.dateTime(session.startsAt, { weekday: "long", day: "numeric", month: "long", timeZone }),
            start: format.dateTime(session.startsAt, time),
            end: format.dateTime(session.endsAt, { ...time, timeZoneName: "short" }),
          })}
        </time>
      </p>
      <p className="mt-1 text-sm text-stone-700">{session.cohort.name}</p>
    </div>
  );
}
