"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { askToBeExcused } from "@/lib/db/excuses";
import { redirect } from "@/lib/i18n/navigation";
import { ZId } from "@/lib/schemas/common";

export async function askExcuseAction(form: FormData) {
  const cohortId = ZId.safeParse(form.get("cohortId"));
  const sessionId = ZId.safeParse(form.get("sessionId"));
  const locale = await getLocale();
  if (!cohortId.success || !sessionId.success) return redirect({ href: "/dashboard", locale });
  const path = `/course/${cohortId.data}/sessions/${sessionId.data}/excuse`;
  const user = await requireCompleteProfile(path);
  const reason = z
    .string()
    .max(2000)
    .catch("")
    .parse(form.get("reason") ?? "");
  const result = await askToBeExcused(getDb(), user.id, cohortId.data, sessionId.data, reason);
  redirect({ href: { pathname: path, query: result.ok ? { sent: "1" } : { error: result.error } }, locale });
}
