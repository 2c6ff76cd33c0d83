import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { Link } from "@/lib/i18n/navigation";
import { accountLinkClass } from "./account-link-view";

/**
 * The header's account link on pages rendered for each request: the server knows who is
 * signed in, so the link is right in the HTML, with or without JavaScript. The session is
 * read once per request (getCurrentUser is shared with the page).
 */
export async function AccountLink() {
  const t = await getTranslations("Site");
  const user = await getCurrentUser();
  return (
    <Link href={user ? "/dashboard" : "/sign-in"} className={accountLinkClass}>
      {user ? t("navAccount") : t("navSignIn")}
    </Link>
  );
}
