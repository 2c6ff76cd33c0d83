import { publicOrigin } from "@/lib/certificates/context";
import { certificatePdfInput, pdfFileName } from "@/lib/certificates/pdf-input";
import { pdfTemplate } from "@/lib/certificates/template";
import { certificatesZip } from "@/lib/certificates/zip";
import { getDb } from "@/lib/db";
import { templatesById } from "@/lib/db/certificate-templates";
import { listCohortCertificates, recordCertificateExport } from "@/lib/db/certificates";
import { slugify } from "@/lib/domain/time";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Admin: every valid certificate of the cohort as PDFs in one ZIP, streamed as each is
 * rendered. X-Certificate-Count tells the page how many to expect, for its progress bar.
 */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/certificates.zip">) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const certificates = await listCohortCertificates(getDb(), found.cohort.id, { status: "valid" });
  const origin = await publicOrigin();
  const templates = await templatesById(
    getDb(),
    certificates.map((c) => c.templateId),
  );
  const entries = certificates.map((c) => ({
    filename: pdfFileName(c),
    input: certificatePdfInput(c, origin, pdfTemplate(c.templateId ? (templates.get(c.templateId) ?? null) : null)),
  }));
  await recordCertificateExport(getDb(), found.user.id, found.cohort.id, entries.length);
  return new Response(certificatesZip(entries), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${slugify(found.cohort.name) || "cohort"}-certificates.zip"`,
      "Cache-Control": "private, no-store",
      "X-Certificate-Count": String(entries.length),
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
