import { getDb } from "@/lib/db";
import { getCertificateImage } from "@/lib/db/certificate-templates";
import { adminForExport } from "@/lib/http/admin-csv";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * Admin: a logo or signature of a certificate template, as the PNG it is printed as (the
 * template editor shows it). Never the uploaded file: an SVG was drawn to PNG on upload.
 */
async function handleGet(_request: Request, { params }: RouteContext<"/api/admin/certificate-images/[id]">) {
  const { id } = await params;
  const found = await adminForExport(`/api/admin/certificate-images/${id.slice(0, 40)}`);
  if (!found.user) return found.response;
  const image = id.length <= 40 ? await getCertificateImage(getDb(), id) : null;
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
