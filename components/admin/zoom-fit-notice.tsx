import { getFormatter, getTranslations } from "next-intl/server";
import { formatOffset, type ReportFit } from "@/lib/domain/zoom-fit";
import { Link } from "@/lib/i18n/navigation";

/**
 * The warning a Zoom report's preview shows when the report's times do not fit the session: the session's
 * time in the zone the report is read in, and either the zone in which the report would fit (with a link
 * that reads it again in that zone) or the report's own times, when it is probably of another session.
 */
export async function ZoomFitNotice({
  fit,
  session,
  timeZone,
  rereadHref,
}: {
  fit: Exclude<ReportFit, { kind: "fits" }>;
  session: { startsAt: Date; endsAt: Date };
  timeZone: string;
  /** The preview's address with the suggested zone (its other choices kept). */
  rereadHref: { pathname: string; query: Record<string, string | string[]> } | null;
}) {
  const t = await getTranslations("AdminAttendance.zoomFit");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { day: "numeric", month: "short", year: "numeric", timeZone });
  const time = (d: Date) => format.dateTime(d, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const when = (d: Date) => `${day(d)}, ${time(d)}`;
  const zone = timeZone.replaceAll("_", " ");
  const sameDay = day(session.startsAt) === day(session.endsAt);
  const sessionText = sameDay
    ? `${day(session.startsAt)}, ${time(session.startsAt)}–${time(session.endsAt)} ${zone}`
    : `${when(session.startsAt)} – ${when(session.endsAt)} ${zone}`;
  const percent = format.number(fit.share, { style: "percent", maximumFractionDigits: 0 });
  return (
    <div role="alert" className="mt-4 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">
        {fit.share === 0 ? t("none", { session: sessionText }) : t("little", { percent, session: sessionText })}
      </p>
      {fit.kind === "shifted" ? (
        <>
          <p className="mt-2">
            {t("shifted", { offset: formatOffset(fit.offsetMinutes), zone: fit.zones[0]!.replaceAll("_", " ") })}
          </p>
          {rereadHref && (
            <p className="mt-3">
              <Link
                href={rereadHref}
                className="inline-block rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
              >
                {t("reread", { zone: fit.zones[0]!.replaceAll("_", " ") })}
              </Link>
            </p>
          )}
        </>
      ) : (
        <p className="mt-2">{t("elsewhere", { from: `${when(fit.from)} ${zone}`, to: `${when(fit.to)} ${zone}` })}</p>
      )}
      <p className="mt-2">{t("anyway")}</p>
    </div>
  );
}
