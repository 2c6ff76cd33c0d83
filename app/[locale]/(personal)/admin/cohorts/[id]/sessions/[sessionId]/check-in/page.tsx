import Image from "next/image";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import QRCode from "qrcode";
import { CopyLink } from "@/components/check-in/copy-link";
import { RefreshWhenCodeChanges } from "@/components/check-in/refresh-every";
import { checkInCode, secondsToNextCode } from "@/lib/auth/check-in-codes";
import { requireCohortManager } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getOpenCheckIn } from "@/lib/db/check-in";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { getCohortSession } from "@/lib/db/sessions";
import { siteUrl } from "@/lib/http/site-url";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("AdminAttendance", "checkInTitle");

/** The screen to share in the live session: the current code and a QR code of the check-in link. */
export default async function CheckInDisplayPage({
  params,
}: PageProps<"/[locale]/admin/cohorts/[id]/sessions/[sessionId]/check-in">) {
  const { locale, id, sessionId } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/sessions/${sessionId}/check-in`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  const session = cohort ? await getCohortSession(db, cohort.id, sessionId) : null;
  if (!cohort || !session) notFound();
  const t = await getTranslations("AdminAttendance");
  const open = await getOpenCheckIn(db, cohort.id, session.id);
  const back = `/admin/cohorts/${cohort.id}/sessions/${session.id}/attendance`;
  if (!open) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
        <h1 className="text-3xl font-bold text-stone-900">{t("checkInTitle")}</h1>
        <p className="mt-4 text-stone-800">{t("checkInClosed")}</p>
        <p className="mt-6">
          <Link href={back} className="font-medium text-brand-700 underline">
            {t("backToSession")}
          </Link>
        </p>
      </div>
    );
  }
  const now = new Date();
  const code = checkInCode(open.secret, now);
  const page = `${siteUrl()}/check-in/${session.id}`;
  const url = `${page}?code=${code}`;
  const qr = await QRCode.toDataURL(url, { margin: 1, width: 320, errorCorrectionLevel: "M" });
  const format = await getFormatter();
  const lecture = getLecture(session.lectureSlug)?.lecture;
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 text-center sm:px-6">
      <RefreshWhenCodeChanges seconds={secondsToNextCode(now)} />
      <h1 className="text-3xl font-bold text-stone-900">
        {t("checkInHeading", { lecture: lecture ? t("lecture", { number: lecture.number }) : session.lectureSlug })}
      </h1>
      <p className="mt-2 text-lg text-stone-800">
        {t("checkInHow", { address: `${new URL(siteUrl()).host}/dashboard` })}
      </p>
      <p className="mt-8 text-sm font-medium text-stone-700">{t("checkInCodeLabel")}</p>
      <p
        className="mt-1 font-mono text-7xl font-bold tracking-widest text-stone-900"
        aria-live="polite"
        data-testid="check-in-code"
      >{`${code.slice(0, 3)} ${code.slice(3)}`}</p>
      <p className="mt-2 text-stone-700">
        {t("checkInChanges", {
          seconds: secondsToNextCode(now),
          until: format.dateTime(open.closesAt, { timeStyle: "short", timeZone: cohort.timeZone }),
        })}
      </p>
      <Image
        src={qr}
        width={320}
        height={320}
        alt={t("checkInQrAlt")}
        unoptimized
        priority
        className="mx-auto mt-8 rounded-lg border border-stone-200"
      />
      <div className="mx-auto mt-8 max-w-xl">
        <CopyLink
          id="check-in-link"
          url={page}
          label={t("checkInLinkLabel")}
          copy={t("checkInLinkCopy")}
          copied={t("checkInLinkCopied")}
        />
      </div>
      <p className="mt-8">
        <Link href={back} className="font-medium text-brand-700 underline">
          {t("backToSession")}
        </Link>
      </p>
    </div>
  );
}
