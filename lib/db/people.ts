// Everyone with an account, for admins: look people up, change a role. Callers check
// that the actor is an admin.
import type { Role } from "@/generated/prisma/enums";
import { roleChangeAllowed, sessionEnd } from "@/lib/domain/sessions";
import type { TAdminProfile } from "@/lib/schemas/profile";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { checkedRows, ZIdRow } from "./sql";

/**
 * People whose e-mail or any of their names (as they gave it, on the certificate, in their own
 * script) contains `query` (everyone when empty), admins first, then by e-mail. Erased people
 * are no one: they are not listed.
 */
export function searchPeople(db: Db, query: string, take = 100) {
  const q = query.trim();
  return db.user.findMany({
    where: {
      erasedAt: null,
      ...(q && {
        OR: (["email", "name", "certificateName", "nativeName"] as const).map((field) => ({
          [field]: { contains: q, mode: "insensitive" as const },
        })),
      }),
    },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    take,
  });
}

/** The profile fields an organiser may edit for a participant. */
const EDITABLE = {
  name: true,
  certificateName: true,
  nativeName: true,
  country: true,
  organisation: true,
  position: true,
  organisationType: true,
} as const;

/** A person's details and how many live sessions they have (by the same rule as readSession). */
export async function getPerson(db: Db, id: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      erasedAt: true,
      ...EDITABLE,
      profileCompletedAt: true,
    },
  });
  if (!user) return null;
  const rows = await db.session.findMany({
    where: { userId: id, expires: { gt: now } },
    select: { createdAt: true, updatedAt: true, expires: true },
  });
  const live = rows.filter(
    (r) => sessionEnd({ createdAt: r.createdAt, lastUsedAt: r.updatedAt, expires: r.expires }) > now,
  );
  return { ...user, sessions: live.length };
}

export type RoleChange = { ok: true; changed: boolean } | { ok: false; error: "not-found" | "last-admin" };

/**
 * Sets a user's role, audit-logged. The platform keeps at least one admin: the admins'
 * rows are locked first, so two admins demoting each other at once cannot both succeed.
 */
export function changeRole(db: Db, adminId: string, userId: string, role: Role): Promise<RoleChange> {
  return db.$transaction(async (tx) => {
    const admins = checkedRows(
      ZIdRow,
      await tx.$queryRaw`SELECT id FROM users WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`,
    );
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true } });
    if (!user) return { ok: false, error: "not-found" };
    if (user.role === role) return { ok: true, changed: false };
    if (!roleChangeAllowed({ from: user.role, to: role, admins: admins.length }))
      return { ok: false, error: "last-admin" };
    await tx.user.update({ where: { id: userId }, data: { role } });
    // An organiser's assignments end with the role: made an organiser again later, they start with none.
    if (user.role === "ORGANISER") await tx.cohortOrganiser.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      action: "user.role_changed",
      actorId: adminId,
      subject: user.email,
      entity: "user",
      entityId: userId,
      before: { role: user.role },
      after: { role },
    });
    return { ok: true, changed: true };
  });
}

/**
 * Admin: sets a person's profile fields (names, country, organisation, position, type of organisation), audit-logged
 * with the fields that changed, before and after, in one transaction. A certificate name
 * given to someone who meets a cohort's rule lets it be issued now: the change queues issuing
 * in each cohort where the person has an active place (queueIssuing), and says which those are. The person's own
 * "profile saved" mark is left as it is; the fields changed no longer count as the person's own. False: no such person.
 */
export function updatePersonProfile(
  db: Db,
  adminId: string,
  userId: string,
  profile: TAdminProfile,
): Promise<{ ok: true; changed: boolean; cohortIds: string[] } | { ok: false; error: "not-found" }> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        ...EDITABLE,
        personSetFields: true,
        enrolments: { where: { status: "ACTIVE" }, select: { cohortId: true } },
      },
    });
    if (!before) return { ok: false, error: "not-found" };
    // The cohorts where a certificate may now be due (a certificate name was missing).
    const cohortIds = before.enrolments.map((e) => e.cohortId);
    // A field the form did not carry (undefined) is left as it is.
    const changed = (Object.keys(EDITABLE) as (keyof typeof EDITABLE)[]).filter(
      (k) => profile[k] !== undefined && before[k] !== profile[k],
    );
    if (changed.length === 0) return { ok: true, changed: false, cohortIds };
    // What the organiser changed is organiser-supplied from now on, as a roster's values are.
    const personSetFields = before.personSetFields.filter((f) => !(changed as string[]).includes(f));
    await tx.user.update({ where: { id: userId }, data: { ...profile, personSetFields } });
    await recordAudit(tx, {
      action: "user.profile_edited",
      actorId: adminId,
      subject: before.email,
      entity: "user",
      entityId: userId,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, profile[k]])),
    });
    for (const cohortId of cohortIds) await queueIssuing(tx, cohortId, [userId]);
    return { ok: true, changed: true, cohortIds };
  });
}
