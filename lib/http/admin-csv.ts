import "server-only";
import { noteRefusal } from "@/lib/auth/refusals";
import { passkeyCheckPending } from "@/lib/auth/passkeys-gate";
import { getCurrentUser, mayManageCohort } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { slugify } from "@/lib/domain/time";

/**
 * The cohort an export is about, or the response to send instead: 401 without a session,
 * 404 (recorded as a refusal) for anyone but an admin or an organiser assigned to the cohort,
 * and for an unknown cohort; 403 to an admin whose session has not passed its passkey check.
 */
export async function cohortForAdminExport(id: string) {
  const path = `/api/admin/cohorts/${id.slice(0, 40)}`;
  const user = await getCurrentUser();
  if (!user) return { response: Response.json({ error: "sign-in-required" }, { status: 401 }) };
  const db = getDb();
  if (!(await mayManageCohort(user, id))) {
    await noteRefusal(user, path);
    return { response: Response.json({ error: "not-found" }, { status: 404 }) };
  }
  if (await passkeyCheckPending(user.id, user.role))
    return { response: Response.json({ error: "passkey-required" }, { status: 403 }) };
  const cohort = id.length <= 40 ? await getCohortForAdmin(db, id) : null;
  if (!cohort) return { response: Response.json({ error: "not-found" }, { status: 404 }) };
  return { cohort, user };
}

/**
 * The admin asking for an export at `path`, or the response to send instead: 401 without a
 * session, 404 (recorded as a refusal) for anyone but an admin, 403 to an admin whose session
 * has not passed its passkey check.
 */
export async function adminForExport(path: string) {
  const user = await getCurrentUser();
  if (!user) return { response: Response.json({ error: "sign-in-required" }, { status: 401 }) };
  if (user.role !== "ADMIN") {
    await noteRefusal(user, path);
    return { response: Response.json({ error: "not-found" }, { status: 404 }) };
  }
  if (await passkeyCheckPending(user.id, user.role))
    return { response: Response.json({ error: "passkey-required" }, { status: 403 }) };
  return { user };
}

/** A CSV download named after the cohort, never cached. */
export function csvDownload(csv: string, cohortName: string, suffix: string) {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(cohortName) || "cohort"}-${suffix}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
