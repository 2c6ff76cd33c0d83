"use server";

import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { updateOwnProfile } from "@/lib/db/profile";
import { redirect } from "@/lib/i18n/navigation";
import { ZReturnPath } from "@/lib/schemas/auth";
import { ZProfile, type TProfileErrors } from "@/lib/schemas/profile";

export type ProfileState = { values: Record<string, string>; errors: TProfileErrors };

const FIELDS = ["name", "certificateName", "nativeName", "country", "organisation", "position", "timeZone"] as const;

export async function saveProfile(_prev: ProfileState, form: FormData): Promise<ProfileState> {
  const user = await requireUser("/profile");
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = ZProfile.safeParse(values);
  if (!parsed.success) {
    const errors: TProfileErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof TProfileErrors;
      errors[field] ??= issue.message;
    }
    return { values, errors };
  }
  await updateOwnProfile(getDb(), user.id, parsed.data);
  const next = ZReturnPath.parse(form.get("callbackUrl") ?? undefined);
  redirect({ href: next, locale: await getLocale() });
  return { values, errors: {} };
}
