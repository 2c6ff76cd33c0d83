import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getProgramme } from "@/lib/content";
import { getDb } from "@/lib/db";
import { findCertificateByCode } from "@/lib/db/certificates";
import { REPLACED_REASON } from "@/lib/db/certificate-issue";
import { normaliseCode } from "@/lib/domain/certificates";
import { dateRange } from "@/lib/certificates/pdf-input";
import { redirect } from "@/lib/i18n/navigation";
import { PersonName } from "@/components/ui/person-name";

// Rendered on the first look-up of a code, then served from the cache: revoking or
// reissuing revalidates these pages at once, and the cache expires after 5 minutes anyway
// (a CDN in front may serve it stale for 5 more: expireTime in next.config.js). An unknown
// code is a 404 that is not stored (not-found.tsx here, lib/http/page-cache-handler.cjs).
// The per-client limit on look-ups is applied before Next.js, in lib/http/front-door.ts.
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: PageProps<"/[locale]/verify/[code]">): Promise<Metadata> {
  // Without the locale set here, next-intl would read it from the request's headers,
  // which a cached page may not do (a redirect below renders the metadata first).
  setRequestLocale((await params).locale);
  const t = await getTranslations("Verify");
  return { title: t("resultTitle"), robots: { index: false } };
}

/**
 * Public: whether a certificate with this code exists and is valid. Shows the name, the
 * programme, the dates and the status, nothing else about the person.
 */
export default async function VerifyPage({ params }: PageProps<"/[locale]/verify/[code]">) {
  const { locale, code: raw } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Verify");
  const typed = safeDecode(raw);
  const code = typed.length <= 40 ? normaliseCode(typed) : null;
  if (code && code !== typed) redirect({ href: `/verify/${code}`, locale });
  const certificate = code ? await findCertificateByCode(getDb(), code) : null;
  if (!certificate) notFound();
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  const programme = getProgramme();
  const replaced = certificate.replacedById !== null;
  const status = certificate.revokedAt ? (replaced ? "replaced" : "revoked") : "valid";
  return (
    <Shell title={t("resultTitle")}>
      <div
        role="status"
        className={`mt-6 rounded-lg border p-4 ${status === "valid" ? "border-green-300 bg-green-50 text-green-950" : "border-red-300 bg-red-50 text-red-950"}`}
      >
        <p className="text-xl font-bold">{t(`status.${status}`)}</p>
        {certificate.revokedAt && (
          <p className="mt-1">
            {t(replaced ? "replacedOn" : "revokedOn", { date: day(certificate.revokedAt) })}
            {!replaced && certificate.revokedReason && certificate.revokedReason !== REPLACED_REASON && (
              <> {t("reason", { reason: certificate.revokedReason })}</>
            )}
          </p>
        )}
      </div>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-stone-600">{t("fields.name")}</dt>
        <dd className="text-lg font-semibold text-stone-900">
          {certificate.name || <span className="font-normal italic">{t("nameErased")}</span>}
          {certificate.nativeName && (
            <span className="block font-normal">
              <PersonName name={certificate.nativeName} country={certificate.user.country} />
            </span>
          )}
        </dd>
        <dt className="font-medium text-stone-600">{t("fields.programme")}</dt>
        <dd className="text-stone-900">
          {programme.edition}: {programme.title}
        </dd>
        <dt className="font-medium text-stone-600">{t("fields.cohort")}</dt>
        <dd className="text-stone-900">
          {certificate.cohort.name}, {dateRange(certificate.cohort.startsOn, certificate.cohort.endsOn)}
        </dd>
        <dt className="font-medium text-stone-600">{t("fields.issuer")}</dt>
        <dd className="text-stone-900">
          {programme.organisers
            .filter((o) => o.role === "organiser")
            .map((o) => o.name)
            .join(" · ")}
        </dd>
        <dt className="font-medium text-stone-600">{t("fields.issued")}</dt>
        <dd className="text-stone-900">{day(certificate.issuedAt)}</dd>
        <dt className="font-medium text-stone-600">{t("fields.code")}</dt>
        <dd className="font-mono text-stone-900">{certificate.code}</dd>
      </dl>
      {certificate.name && <p className="mt-8 text-sm text-stone-600">{t("credentialNote")}</p>}
    </Shell>
  );
}

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{title}</h1>
      {children}
    </div>
  );
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed %-escape is simply not a code
  }
}
