// Acting on an unsubscribe link: its signature checked under the app's secret, then the
// kind of mail turned off for the person it names.
import "server-only";
import { authSecret } from "@/lib/auth/secret";
import type { Db } from "@/lib/db/client";
import { changeMailOptOuts } from "@/lib/db/mail-preferences";
import type { TUnsubscribeLink } from "@/lib/schemas/unsubscribe";
import { isValidUnsubscribeToken } from "./unsubscribe";

export function isGenuineLink(link: TUnsubscribeLink): boolean {
  return isValidUnsubscribeToken(authSecret(), link.u, link.k, link.t);
}

/** Turns the link's kind of mail off; false when the link is not genuine or names nobody. */
export async function unsubscribeByLink(db: Db, link: TUnsubscribeLink): Promise<boolean> {
  if (!isGenuineLink(link)) return false;
  return changeMailOptOuts(db, link.u, { off: link.k }, "unsubscribe-link");
}
