"use client";

import { SessionProvider, useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";
import { accountLinkClass } from "./account-link-view";

// The header's account link on pages rendered ahead and served from the cache (the home
// page, the lectures, a certificate's page, help): the same HTML for everyone, so the
// browser asks for the session. Without JavaScript it reads "Sign in", and the sign-in
// page sends people who are already signed in on to their account.
function Inner() {
  const t = useTranslations("Site");
  const { status } = useSession();
  const signedIn = status === "authenticated";
  return (
    <Link href={signedIn ? "/dashboard" : "/sign-in"} className={accountLinkClass}>
      {signedIn ? t("navAccount") : t("navSignIn")}
    </Link>
  );
}

export function BrowserAccountLink() {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <Inner />
    </SessionProvider>
  );
}
