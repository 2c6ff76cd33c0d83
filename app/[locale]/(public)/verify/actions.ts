"use server";

import { getLocale } from "next-intl/server";
import { normaliseCode } from "@/lib/domain/certificates";
import { redirect } from "@/lib/i18n/navigation";

/** Reads a typed code generously and shows its certificate. */
export async function verifyCodeAction(form: FormData) {
  const locale = await getLocale();
  const raw = form.get("code");
  const code = typeof raw === "string" && raw.length <= 40 ? normaliseCode(raw) : null;
  redirect({ href: code ? `/verify/${code}` : { pathname: "/verify", query: { invalid: "1" } }, locale });
}
