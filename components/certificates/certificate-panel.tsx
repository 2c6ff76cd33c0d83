import { getFormatter, getTranslations } from "next-intl/server";
import type { Eligibility } from "@/lib/domain/certificates";
import { linkedInAddUrl } from "@/lib/domain/certificates";
import { Link } from "@/lib/i18n/navigation";
import { PersonName } from "@/components/ui/person-name";
import { contactTag } from "@/components/layout/contact-link";
import { claimCertificate } from "@/app/[locale]/(personal)/dashboard/actions";
import type { DashboardCertificate } from "@/lib/db/dashboard";

/** A certificate as the dashboard reads it (lib/db/dashboard.ts). */
export type PanelCertificate = DashboardCertificate;

/**
 * A participant's certificate in one cohort: the valid one with its downloads, or exactly
 * what is still missing; then any revoked or replaced ones.
 */
export async function CertificatePanel(props: {
  cohortId: string;
  certificates: PanelCertificate[];
  eligibility: Eligibility | null;
  autoIssue: boolean;
  origin: string;
  achievementName: string;
  issuerName: string;
  lectureTitles: Map<string, string>;
  sessionTitles: Map<string, string>;
}) {
  const t = await getTranslations("Certificates");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  const valid = props.certificates.find((c) => c.revokedAt === null);
  const history = props.certificates.filter((c) => c.revokedAt !== null);
  // Revoked by the organisers (not replaced by a corrected one): final until they issue again.
  const revoked = !valid && history.some((c) => c.replacedById === null);
  const id = `certificate-${props.cohortId}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h3 id={id} className="text-lg font-semibold text-stone-900">
        {t("title")}
      </h3>
      {valid ? (
        <div className="mt-3 rounded-lg border border-green-300 bg-green-50 p-4 text-green-950">
          <p className="font-medium">{t("issued", { date: day(valid.issuedAt) })}</p>
          <p className="mt-1">
            {t.rich("nameOnCertificate", {
              name: () => (
                <>
                  <PersonName name={valid.name} className="font-semibold" />
                  {valid.nativeName && (
                    <>
                      {" / "}
                      <PersonName name={valid.nativeName} country={valid.holderCountry} className="font-semibold" />
                    </>
                  )}
                </>
              ),
            })}
          </p>
          <p className="mt-1">
            {t("code")} <span className="font-mono font-semibold">{valid.code}</span>
          </p>
          <ul className="mt-3 flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <a href={`/api/certificates/${valid.id}/pdf`} className="font-medium text-brand-800 underline">
                {t("downloadPdf")}
              </a>
            </li>
            <li>
              <a href={`/api/certificates/${valid.id}/credential`} className="font-medium text-brand-800 underline">
                {t("downloadCredential")}
              </a>
            </li>
            <li>
              <Link href={`/verify/${valid.code}`} className="font-medium text-brand-800 underline">
                {t("verificationPage")}
              </Link>
            </li>
            <li>
              <a
                href={linkedInAddUrl({
                  name: props.achievementName,
                  organisation: props.issuerName,
                  issuedAt: valid.issuedAt,
                  code: valid.code,
                  url: `${props.origin}/verify/${valid.code}`,
                })}
                className="font-medium text-brand-800 underline"
                rel="noopener noreferrer"
                target="_blank"
              >
                {t("linkedIn")}
                <span className="sr-only"> {t("newWindow")}</span>
              </a>
            </li>
          </ul>
        </div>
      ) : revoked ? (
        <p className="mt-3 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">{t("notice.revoked")}</p>
      ) : props.eligibility?.eligible ? (
        <div className="mt-3 rounded-lg border border-green-300 bg-green-50 p-4 text-green-950">
          <p className="font-medium">{t("eligible")}</p>
          {props.autoIssue ? (
            <form action={claimCertificate} className="mt-3">
              <input type="hidden" name="cohortId" value={props.cohortId} />
              <button
                type="submit"
                className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
              >
                {t("claim")}
              </button>
            </form>
          ) : (
            <p className="mt-1">{t("organisersIssue")}</p>
          )}
        </div>
      ) : props.eligibility ? (
        <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4">
          <p className="text-stone-800">{t("missingIntro")}</p>
          <ul className="mt-2 list-disc space-y-1 ps-6 text-stone-900">
            {props.eligibility.missing.map((m) =>
              m.kind === "quiz" ? (
                <li key={m.slug}>
                  <Link href={`/course/${props.cohortId}/quiz/${m.slug}`} className="underline">
                    {t("missing.quiz", { number: m.number, title: props.lectureTitles.get(m.slug) ?? m.slug })}
                  </Link>{" "}
                  <span className="text-stone-700">{t.rich(`missing.quizState.${m.state}`, contactTag)}</span>
                </li>
              ) : (
                <li key="attendance">
                  {t("missing.attendance", { attended: m.attended, needed: m.needed })}{" "}
                  {m.attendMore !== null
                    ? t("missing.attendMore", { count: m.attendMore })
                    : t.rich("missing.cannotAttendEnough", contactTag)}
                  {m.excusable.length > 0 && (
                    <ul className="mt-1 list-[circle] ps-6">
                      {m.excusable.map((sessionId) => (
                        <li key={sessionId}>
                          <Link href={`/course/${props.cohortId}/sessions/${sessionId}/excuse`} className="underline">
                            {t("missing.askExcuse", { session: props.sessionTitles.get(sessionId) ?? "" })}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  )}
                  {m.pendingExcuses > 0 && (
                    <p className="text-stone-700">{t("missing.pendingExcuses", { count: m.pendingExcuses })}</p>
                  )}
                </li>
              ),
            )}
          </ul>
        </div>
      ) : null}
      {history.length > 0 && (
        <ul className="mt-3 space-y-1 text-sm text-stone-700">
          {history.map((c) => (
            <li key={c.id}>
              {c.replacedById
                ? t("historyReplaced", { code: c.code, date: day(c.revokedAt!) })
                : t("historyRevoked", { code: c.code, date: day(c.revokedAt!), reason: c.revokedReason ?? "" })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
