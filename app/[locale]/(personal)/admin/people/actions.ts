"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { erasePerson } from "@/lib/db/erasure";
import { changeRole, updatePersonProfile } from "@/lib/db/people";
import { endAllSessionsOf } from "@/lib/db/user-sessions";
import { clientIp } from "@/lib/http/client-ip";
import { redirect } from "@/lib/i18n/navigation";
import { ADMIN_PROFILE_FIELDS, ZAdminProfile, type TAdminProfileField } from "@/lib/schemas/profile";
import { ZId } from "@/lib/schemas/common";

const ZRoleForm = z.object({ id: ZId, role: z.enum(Role) });
const page = (id: string) => `/admin/people/${id}`;
const ZEraseForm = z.object({
  id: ZId,
  confirmation: z.string().max(320),
  keepCertificates: z.literal("on").optional(),
});

/** Ends every session of a person: they must sign in again on every device. */
export async function endAllSessions(form: FormData) {
  const admin = await requireAdmin("/admin/people");
  const locale = await getLocale();
  const id = ZId.safeParse(form.get("id"));
  if (!id.success) return redirect({ href: "/admin/people", locale });
  const ended = await endAllSessionsOf(getDb(), admin.id, id.data);
  revalidatePath("/[locale]/(personal)/admin/people", "layout");
  redirect({ href: { pathname: page(id.data), query: { done: "sessions", count: String(ended) } }, locale });
}

/** Makes a person an admin or a participant; the last admin cannot be made a participant. */
export async function setRole(form: FormData) {
  const admin = await requireAdmin("/admin/people");
  const locale = await getLocale();
  const parsed = ZRoleForm.safeParse({ id: form.get("id"), role: form.get("role") });
  if (!parsed.success) {
    const id = ZId.safeParse(form.get("id"));
    return redirect({
      href: id.success ? { pathname: page(id.data), query: { error: "invalid" } } : "/admin/people",
      locale,
    });
  }
  const result = await changeRole(getDb(), admin.id, parsed.data.id, parsed.data.role);
  revalidatePath("/[locale]/(personal)/admin/people", "layout");
  if (!result.ok && result.error === "not-found") return redirect({ href: "/admin/people", locale });
  const query = result.ok ? { done: "role" } : { error: result.error };
  redirect({ href: { pathname: page(parsed.data.id), query }, locale });
}

/**
 * Erases a participant at their request (lib/db/erasure.ts), once the admin has typed their
 * address; their certificates are revoked unless the admin keeps them verifiable.
 */
export async function erase(form: FormData) {
  const admin = await requireAdmin("/admin/people");
  const locale = await getLocale();
  const parsed = ZEraseForm.safeParse({
    id: form.get("id"),
    confirmation: form.get("confirmation") ?? "",
    keepCertificates: form.get("keepCertificates") ?? undefined,
  });
  if (!parsed.success) {
    const id = ZId.safeParse(form.get("id"));
    return redirect({
      href: id.success ? { pathname: page(id.data), query: { error: "invalid" } } : "/admin/people",
      locale,
    });
  }
  const { id, confirmation, keepCertificates } = parsed.data;
  const result = await erasePerson(getDb(), admin.id, id, {
    confirmation,
    keepCertificates: keepCertificates === "on",
    ip: clientIp(await headers()),
  });
  if (!result.ok && result.error === "not-found") return redirect({ href: "/admin/people", locale });
  if (result.ok) {
    revalidatePath("/[locale]/(personal)/admin", "layout");
    revalidatePath("/[locale]/(public)/verify/[code]", "page");
  }
  const query = result.ok ? { done: "erased", count: String(result.revoked) } : { error: result.error };
  redirect({ href: { pathname: page(id), query }, locale });
}

export type PersonProfileState = {
  values: Record<string, string>;
  errors: Partial<Record<TAdminProfileField, string>>;
  saved?: boolean;
};

/** Sets a participant's names, country, organisation and position, e.g. a certificate name a roster lacked. */
export async function savePersonProfile(_prev: PersonProfileState, form: FormData): Promise<PersonProfileState> {
  const admin = await requireAdmin("/admin/people");
  const locale = await getLocale();
  const values = Object.fromEntries(ADMIN_PROFILE_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const id = ZId.safeParse(form.get("id"));
  if (!id.success) return redirect({ href: "/admin/people", locale });
  const parsed = ZAdminProfile.safeParse(values);
  if (!parsed.success) {
    const errors: PersonProfileState["errors"] = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as TAdminProfileField] ??= issue.message;
    return { values, errors };
  }
  const result = await updatePersonProfile(getDb(), admin.id, id.data, parsed.data);
  if (!result.ok) return redirect({ href: "/admin/people", locale });
  revalidatePath("/[locale]/(personal)/admin", "layout");
  return { values, errors: {}, saved: true };
}
