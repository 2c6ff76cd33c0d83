import { getDb } from "@/lib/db";
import { getCohortCertificateImage } from "@/lib/db/certificate-templates";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * A logo or signature of one of the cohort's certificate templates, as the PNG it is printed
 * as (the template editor shows it), for those who manage the cohort. Never the uploaded
 * file: an SVG was drawn to PNG on upload. An image no template of this cohort uses is not
 * found here, even if another cohort's template uses it.
 */
async function handleGet(
  _request: Request,
  { params }: RouteContext<"/api/admin/cohorts/[id]/certificate-images/[imageId]">,
) {
  const { id, imageId } = await params;
  const found = await cohortForAdminExport(id);
  if (!found.cohort) return found.response;
  const image = imageId.length <= 40 ? await getCohortCertificateImage(getDb(), found.cohort.id, imageId) : null;
  if (!image) return Response.json({ error: "not-found" }, { status: 404 });
  return new Response(new Uint8Array(image.png), {
    headers: {
      "Content-Type": "image/png",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      // An image never changes under its id.
      "Cache-Control": "private, max-age=31536000, immutable",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
