import { publicOrigin } from "@/lib/certificates/context";
import { certificatePdfInput, pdfFileName } from "@/lib/certificates/pdf-input";
import { renderPdf } from "@/lib/certificates/pdf-pool";
import { pdfTemplate } from "@/lib/certificates/template";
import { getDb } from "@/lib/db";
import { templatesById } from "@/lib/db/certificate-templates";
import { certificateForDownload } from "@/lib/http/certificate-access";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** The certificate as a PDF with the template it was issued with, rendered in a worker thread. Its holder or an admin only. */
async function handleGet(request: Request, { params }: RouteContext<"/api/certificates/[id]/pdf">) {
  const found = await certificateForDownload(request, (await params).id);
  if (!found.certificate) return found.response;
  const template = found.certificate.templateId
    ? ((await templatesById(getDb(), [found.certificate.templateId])).get(found.certificate.templateId) ?? null)
    : null;
  const pdf = await renderPdf(certificatePdfInput(found.certificate, await publicOrigin(), pdfTemplate(template)));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdfFileName(found.certificate)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
