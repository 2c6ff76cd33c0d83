"use server";

import { getLocale } from "next-intl/server";
import { getDb } from "@/lib/db";
import { redirect } from "@/lib/i18n/navigation";
import { unsubscribeByLink } from "@/lib/mail/unsubscribe-link";
import { parseUnsubscribeLink } from "@/lib/schemas/unsubscribe";

/** The unsubscribe page's button: turns the link's kind of mail off, without signing in. */
export async function unsubscribeAction(form: FormData) {
  const locale = await getLocale();
  const field = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  const link = parseUnsubscribeLink({ u: field("u"), k: field("k"), t: field("t") });
  const done = link ? await unsubscribeByLink(getDb(), link) : false;
  redirect({
    href: { pathname: "/unsubscribe", query: link && done ? { ...link, done: "1" } : { invalid: "1" } },
    locale,
  });
}
