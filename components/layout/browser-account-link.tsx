"use client";

import { SessionProvider, useSession } from "next-auth/react";
import { AccountLinkView } from "./account-link-view";

// The header's account link on pages rendered ahead and served from the cache (the home
// page, the lectures, a certificate's page, help): the same HTML for everyone, so the
// browser asks for the session. Without JavaScript it reads "Sign in", and the sign-in
// page sends people who are already signed in on to their account.
function Inner() {
  return <AccountLinkView signedIn={useSession().status === "authenticated"} />;
}

export function BrowserAccountLink() {
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <Inner />
    </SessionProvider>
  );
}
