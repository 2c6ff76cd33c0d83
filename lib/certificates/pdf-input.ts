// From a certificate row to what the PDF shows.
import "server-only";
import { getProgramme, listLectures } from "@/lib/content";
import { dateTimeFormat } from "@/lib/i18n/format";
import type { CertificatePdfInput, PdfTemplate } from "./pdf";

export type CertificateForPdf = {
  code: string;
  name: string;
  nativeName: string | null;
  issuedAt: Date;
  revokedAt: Date | null;
  /** The holder: their country tells an Urdu name (printed in Nastaliq) from a Persian one. */
  user?: { country: string | null } | null;
  cohort: { name: string; startsOn: Date; endsOn: Date };
};

const day = (d: Date, options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric" }) =>
  dateTimeFormat("en-GB", { timeZone: "UTC", ...options }).format(d);

/** "1–5 December 2026", or both dates in full when the months differ. */
export function dateRange(from: Date, to: Date): string {
  if (from.getTime() === to.getTime()) return day(from);
  const sameMonth = from.getUTCFullYear() === to.getUTCFullYear() && from.getUTCMonth() === to.getUTCMonth();
  return sameMonth ? `${from.getUTCDate()}–${day(to)}` : `${day(from)} – ${day(to)}`;
}

/** What the PDF of a certificate shows, printed with its template (see ./template.ts). */
export function certificatePdfInput(
  certificate: CertificateForPdf,
  origin: string,
  template: PdfTemplate,
): CertificatePdfInput {
  const programme = getProgramme();
  return {
    code: certificate.code,
    verifyUrl: `${origin}/verify/${certificate.code}`,
    name: certificate.name,
    nativeName: certificate.nativeName,
    country: certificate.user?.country ?? null,
    programmeTitle: programme.title,
    edition: programme.edition,
    template,
    cohortName: certificate.cohort.name,
    dates: dateRange(certificate.cohort.startsOn, certificate.cohort.endsOn),
    issuedOn: day(certificate.issuedAt),
    lectures: listLectures().map((l) => ({ number: l.number, title: l.meta.title, speaker: l.meta.speaker.name })),
    revoked: certificate.revokedAt !== null,
  };
}

/** A file name for the PDF: the code (unique) and the name in plain ASCII. */
export function pdfFileName(certificate: { code: string; name: string }): string {
  const ascii = certificate.name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${certificate.code}${ascii ? `-${ascii}` : ""}.pdf`;
}
