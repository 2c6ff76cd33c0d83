import "server-only";
import { noteRefusal } from "@/lib/auth/refusals";
import { passkeyCheckPending } from "@/lib/auth/passkeys-gate";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCertificate, ownCertificate } from "@/lib/db/certificates";
import { organisesCohort } from "@/lib/db/cohort-organisers";
import { certificateErased } from "@/lib/domain/erasure";
import { signInRequired } from "./navigation";

/**
 * The certificate a download is about, or the response to send instead: without a session,
 * a person's browser following a link (from an e-mail, say) is sent to sign in and brought
 * back here, anything else gets 401; 404 unless it is the participant's own, the user is an
 * admin, or an organiser of the certificate's cohort; 410 once its holder was erased.
 */
export async function certificateForDownload(request: Request, id: string) {
  const user = await getCurrentUser();
  if (!user) return { response: signInRequired(request) };
  const db = getDb();
  // An admin's session that has not passed its passkey check reads only its own.
  const asAdmin = user.role === "ADMIN" && !(await passkeyCheckPending(user.id, user.role));
  const certificate = id.length > 40 ? null : asAdmin ? await getCertificate(db, id) : await readable(user, id);
  if (!certificate) {
    if (user.role !== "ADMIN") await noteRefusal(user, `/api/certificates/${id.slice(0, 40)}`);
    return { response: Response.json({ error: "not-found" }, { status: 404 }) };
  }
  // An erased holder's revoked certificate has no name or credential left to hand out.
  if (certificateErased(certificate))
    return { response: Response.json({ error: "erased" }, { status: 410, headers: { "Cache-Control": "no-store" } }) };
  return { certificate };
}

/** A certificate someone other than an admin may read: their own, or, for an organiser, one of a cohort they organise. */
async function readable(user: { id: string; role: string }, id: string) {
  const db = getDb();
  const own = await ownCertificate(db, user.id, id);
  if (own || user.role !== "ORGANISER") return own;
  const certificate = await getCertificate(db, id);
  return certificate && (await organisesCohort(db, user.id, certificate.cohortId)) ? certificate : null;
}
