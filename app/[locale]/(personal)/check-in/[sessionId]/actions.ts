"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { codeSeenAt } from "@/lib/auth/check-in-codes";
import { requireCompleteProfile } from "@/lib/auth/session";
import { authSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db";
import { checkIn } from "@/lib/db/check-in";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

const ZField = z.string().max(200).catch("");

export async function checkInSelf(form: FormData) {
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!sessionId.success) return redirect({ href: "/dashboard", locale });
  const path = `/check-in/${sessionId.data}`;
  const user = await requireCompleteProfile(path);
  const code = ZField.parse(form.get("code") ?? "");
  // The code the QR link brought counts from when the link was opened, as long as it is the one sent.
  const now = new Date();
  const seenAt = codeSeenAt(authSecret(), sessionId.data, code, ZField.parse(form.get("pass") ?? ""), now);
  const result = await checkIn(getDb(), user.id, sessionId.data, code, now, seenAt);
  const query = result.ok
    ? { done: result.status }
    : result.error === "rate-limited"
      ? { error: result.error, wait: String(result.retryAfterSeconds) }
      : { error: result.error };
  redirect({ href: { pathname: path, query }, locale });
}
