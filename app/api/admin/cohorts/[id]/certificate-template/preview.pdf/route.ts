import { publicOrigin } from "@/lib/certificates/context";
import { renderPdf } from "@/lib/certificates/pdf-pool";
import { pdfTemplate } from "@/lib/certificates/template";
import { previewPdfInput, templateDraft } from "@/lib/certificates/template-draft";
import { getDb } from "@/lib/db";
import { currentTemplate } from "@/lib/db/certificate-templates";
import { PREVIEW_SAMPLES, type PreviewSample } from "@/lib/domain/certificate-template";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { isSiteOrigin } from "@/lib/http/site-url";
import { answerUnavailable } from "@/lib/http/unavailable";
import { parseTemplateForm } from "@/lib/schemas/certificate-template";

export const dynamic = "force-dynamic";

type Context = RouteContext<"/api/admin/cohorts/[id]/certificate-template/preview.pdf">;

const pdfResponse = (pdf: Uint8Array) =>
  new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'inline; filename="certificate-preview.pdf"',
      "Cache-Control": "private, no-store",
    },
  });

const sampleOf = (value: string | null): PreviewSample =>
  value !== null && Object.hasOwn(PREVIEW_SAMPLES, value) ? (value as PreviewSample) : "persian";

/** Admin: a sample certificate of the cohort printed with its current template (?sample= picks the holder). */
async function handleGet(request: Request, { params }: Context) {
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const template = pdfTemplate(await currentTemplate(getDb(), found.cohort.id));
  const sample = sampleOf(new URL(request.url).searchParams.get("sample"));
  return pdfResponse(await renderPdf(previewPdfInput(template, sample, found.cohort, await publicOrigin())));
}

/**
 * Admin: a sample certificate printed with the template form as it stands, unsaved (the
 * editor's live preview). Bad input is answered 400 with what is wrong; nothing is stored.
 */
async function handlePost(request: Request, { params }: Context) {
  if (!isSiteOrigin(request.headers.get("origin"))) return Response.json({ error: "cross-origin" }, { status: 403 });
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const form = await request.formData().catch(() => null);
  if (!form) return Response.json({ error: "form-expected" }, { status: 400 });
  const parsed = parseTemplateForm(form);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const draft = await templateDraft(parsed.form, await currentTemplate(getDb(), found.cohort.id));
  if (!draft.ok) return Response.json({ error: draft.error, slot: draft.slot }, { status: 400 });
  const input = previewPdfInput(draft.draft.template, parsed.form.sample, found.cohort, await publicOrigin());
  return pdfResponse(await renderPdf(input));
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
export const POST = answerUnavailable(handlePost);
