import type { TProfile } from "@/lib/schemas/profile";
import { recordAudit } from "./audit";
import type { Db } from "./client";

const PROFILE = {
  name: true,
  certificateName: true,
  nativeName: true,
  country: true,
  organisation: true,
  position: true,
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
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: PROFILE });
    const after = await tx.user.update({
      where: { id: userId },
      data: { ...profile, profileCompletedAt: before.profileCompletedAt ?? new Date() },
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
