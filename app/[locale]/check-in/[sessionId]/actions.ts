"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireCompleteProfile } from "@/lib/auth/session";
import { issueWhenEligible } from "@/lib/certificates/issue-when-eligible";
import { getDb } from "@/lib/db";
import { checkIn } from "@/lib/db/check-in";
import { redirect } from "@/lib/i18n/navigation";

export async function checkInSelf(form: FormData) {
  const sessionId = z.string().min(1).max(40).safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!sessionId.success) return redirect({ href: "/dashboard", locale });
  const path = `/check-in/${sessionId.data}`;
  const user = await requireCompleteProfile(path);
  const code = z
    .string()
    .max(20)
    .catch("")
    .parse(form.get("code") ?? "");
  const db = getDb();
  const result = await checkIn(db, user.id, sessionId.data, code);
  if (result.ok) {
    const cohortOf = async () =>
      (await db.liveSession.findUnique({ where: { id: sessionId.data }, select: { cohortId: true } }))?.cohortId ??
      null;
    await issueWhenEligible(cohortOf, [user.id]);
  }
  const query = result.ok
    ? { done: result.status }
    : result.error === "rate-limited"
      ? { error: result.error, wait: String(result.retryAfterSeconds) }
      : { error: result.error };
  redirect({ href: { pathname: path, query }, locale });
}
