"use client";

import { SessionProvider, useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Link } from "@/lib/i18n/navigation";

// Pages stay static: the session is asked for from the browser. Without
// JavaScript the link reads "Sign in", and the sign-in page sends people who
// are already signed in on to their account.
function Inner() {
  const t = useTranslations("Site");
  const { status } = useSession();
  const signedIn = status === "authenticated";
  return (
    <Link
      href={signedIn ? "/dashboard" : "/sign-in"}
      className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium text-stone-800 hover:border-brand-600 hover:text-brand-800"
    >
      {signedIn ? t("navAccount") : t("navSignIn")}
    </Link>
  );
}

export function AccountLink() {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <Inner />
    </SessionProvider>
  );
}
