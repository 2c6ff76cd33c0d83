import { getCurrentUser } from "@/lib/auth/session";
import { AccountLinkView } from "./account-link-view";

/**
 * The header's account link on pages rendered for each request: the server knows who is
 * signed in, so the link is right in the HTML, with or without JavaScript. The session is
 * read once per request (getCurrentUser is shared with the page).
 */
export async function AccountLink() {
  return <AccountLinkView signedIn={(await getCurrentUser()) !== undefined} />;
}
