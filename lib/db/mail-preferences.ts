// Which optional e-mail a person turned off (lib/domain/mail-preferences.ts): read and changed
// only for the person themselves, signed in on their profile or through the signed link of
// an unsubscribe (lib/mail/unsubscribe.ts). Each change is audit-logged with its channel.
import type { OptionalMailKind } from "@/lib/domain/mail-preferences";
import { withOptOut } from "@/lib/domain/mail-preferences";
import { recordAudit } from "./audit";
import type { Db } from "./client";

export async function ownMailOptOuts(db: Db, userId: string): Promise<string[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { mailOptOuts: true } });
  return user?.mailOptOuts ?? [];
}

/**
 * Sets the person's opt-outs: all of them (`{ set }`, from the profile) or one kind turned
 * off (`{ off }`, from an unsubscribe link). False when there is no such person.
 */
export async function changeMailOptOuts(
  db: Db,
  userId: string,
  change: { set: OptionalMailKind[] } | { off: OptionalMailKind },
  via: "profile" | "unsubscribe-link",
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { mailOptOuts: true } });
    if (!user) return false;
    const after = "set" in change ? change.set : withOptOut(user.mailOptOuts, change.off, true);
    if (after.join() === user.mailOptOuts.join()) return true;
    await tx.user.update({ where: { id: userId }, data: { mailOptOuts: after } });
    await recordAudit(tx, {
      action: "profile.mail_preferences",
      actorId: userId,
      entity: "user",
      entityId: userId,
      before: { mailOptOuts: user.mailOptOuts },
      after: { mailOptOuts: after, via },
    });
    return true;
  });
}
