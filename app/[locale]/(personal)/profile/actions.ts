"use server";

import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { changeMailOptOuts } from "@/lib/db/mail-preferences";
import { optOutsFromForm } from "@/lib/domain/mail-preferences";
import { listOwnOldNameCertificates, updateOwnProfile, type OldNameCertificate } from "@/lib/db/profile";
import { redirect } from "@/lib/i18n/navigation";
import { ZReturnPath } from "@/lib/schemas/auth";
import { PROFILE_FIELDS, ZProfile, type TProfileErrors } from "@/lib/schemas/profile";

export type ProfileState = {
  values: Record<string, string>;
  errors: TProfileErrors;
  /** Set when the profile was saved and the page stays to say something about it. */
  saved?: boolean;
  oldNames?: OldNameCertificate[];
};

export async function saveProfile(_prev: ProfileState, form: FormData): Promise<ProfileState> {
  const user = await requireUser("/profile");
  const values = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
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
  // An issued certificate keeps the name it was issued with: rather than move on, the page
  // stays to say so, and how to have it reissued.
  const oldNames = await listOwnOldNameCertificates(getDb(), user.id, parsed.data);
  if (oldNames.length > 0) return { values, errors: {}, saved: true, oldNames };
  const next = ZReturnPath.parse(form.get("callbackUrl") ?? undefined);
  redirect({ href: next, locale: await getLocale() });
  return { values, errors: {} };
}

/** Saves which optional e-mails the person receives (the checked boxes: those they want). */
export async function saveMailPreferencesAction(form: FormData) {
  const user = await requireUser("/profile");
  const wanted = new Set(form.getAll("wanted").filter((v): v is string => typeof v === "string"));
  await changeMailOptOuts(getDb(), user.id, { set: optOutsFromForm(wanted) }, "profile");
  redirect({ href: "/profile?mail=saved#mail", locale: await getLocale() });
}
