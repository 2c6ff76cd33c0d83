import { certificatesWithOldNames, type ProfileNames } from "@/lib/domain/names";
import type { TProfile } from "@/lib/schemas/profile";
import { recordAudit } from "./audit";
import type { Db } from "./client";

/** The profile's columns, as the person fills them in. */
export const PROFILE = {
  name: true,
  certificateName: true,
  nativeName: true,
  country: true,
  organisation: true,
  position: true,
  organisationType: true,
  timeZone: true,
  profileCompletedAt: true,
} as const;

/** The acting user's own profile: no other user's is reachable through here. */
export function getOwnProfile(db: Db, userId: string) {
  return db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, role: true, ...PROFILE } });
}

/** Saves the acting user's profile and audit-logs the change, in one transaction. */
export async function updateOwnProfile(db: Db, userId: string, profile: TProfile) {
  await db.$transaction(async (tx) => {
    const { personSetFields, ...before } = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { ...PROFILE, personSetFields: true },
    });
    // A field the person changes becomes theirs: a roster re-import then keeps it.
    const changed = (Object.keys(profile) as (keyof TProfile)[]).filter((k) => (before[k] ?? null) !== profile[k]);
    const after = await tx.user.update({
      where: { id: userId },
      data: {
        ...profile,
        profileCompletedAt: before.profileCompletedAt ?? new Date(),
        personSetFields: [...new Set([...personSetFields, ...changed])],
      },
      select: PROFILE,
    });
    await recordAudit(tx, {
      action: "profile.update",
      actorId: userId,
      entity: "user",
      entityId: userId,
      before: JSON.parse(JSON.stringify(before)),
      after: JSON.parse(JSON.stringify(after)),
    });
  });
}

/** A valid certificate that still prints a name the profile no longer has. */
export type OldNameCertificate = { code: string; cohort: string; name: string; nativeName: string | null };

/** The acting user's valid certificates whose printed names differ from these. */
export async function listOwnOldNameCertificates(db: Db, userId: string, names: ProfileNames) {
  const issued = await db.certificate.findMany({
    where: { userId, revokedAt: null },
    orderBy: { issuedAt: "asc" },
    select: { code: true, name: true, nativeName: true, cohort: { select: { name: true } } },
  });
  return certificatesWithOldNames(issued, names).map((c): OldNameCertificate => ({
    code: c.code,
    cohort: c.cohort.name,
    name: c.name,
    nativeName: c.nativeName,
  }));
}
