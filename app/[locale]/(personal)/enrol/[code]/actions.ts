"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { forgetEnrolIntent, rememberEnrolIntent } from "@/lib/auth/enrol-intent";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { enrolWithInvite } from "@/lib/db/enrolments";
import { redirect } from "@/lib/i18n/navigation";

const ZCode = z.string().regex(/^[0-9a-f]{32}$/);

export async function enrol(form: FormData) {
  const raw = String(form.get("code") ?? "");
  const path = `/enrol/${encodeURIComponent(raw)}`;
  const code = ZCode.safeParse(raw);
  // Should sign-in or the profile come first, the page finishes this on the way back.
  if (code.success) await rememberEnrolIntent({ inviteCode: code.data });
  const user = await requireCompleteProfile(path);
  const result = code.success
    ? await enrolWithInvite(getDb(), user.id, code.data)
    : { outcome: "invalid-code" as const };
  await forgetEnrolIntent();
  redirect({ href: { pathname: path, query: { outcome: result.outcome } }, locale: await getLocale() });
}
