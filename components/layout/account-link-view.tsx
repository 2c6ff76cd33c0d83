import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

/**
 * The header's account link as it reads for someone signed in or not: drawn on the server
 * (AccountLink) or in the browser (BrowserAccountLink), whichever knows the session.
 */
export function AccountLinkView({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("Site");
  return (
    <Link
      href={signedIn ? "/dashboard" : "/sign-in"}
      className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium text-stone-800 hover:border-brand-600 hover:text-brand-800"
    >
      {signedIn ? t("navAccount") : t("navSignIn")}
    </Link>
  );
}
