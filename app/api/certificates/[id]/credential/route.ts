import { certificateForDownload } from "@/lib/http/certificate-access";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/** The signed Open Badges 3.0 credential (VC-JWT) as a file. Its holder or an admin only. */
async function handleGet(request: Request, { params }: RouteContext<"/api/certificates/[id]/credential">) {
  const found = await certificateForDownload(request, (await params).id);
  if (!found.certificate) return found.response;
  return new Response(found.certificate.credential, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="${found.certificate.code}.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
