// The role checks every page, action and route handler makes itself.
import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { organisesCohort } from "@/lib/db/cohort-organisers";
import { signInPath } from "@/lib/http/navigation";
import { noteRefusal } from "./refusals";
import { passkeyCheckPending } from "./passkeys-gate";
import { userFromCookies } from "./session-token";

/**
 * The signed-in user, once per request (a layout and its page share it). Reads
 * the database session Auth.js wrote straight from its cookie: one query, where
 * Auth.js's own auth() cost about four times the time of a whole API request.
 */
export const getCurrentUser = cache(async () => {
  const jar = await cookies();
  return userFromCookies((name) => jar.get(name)?.value);
});

export async function requireUser(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/**
 * Admin pages do not exist for anyone else: a participant gets the 404 page, and the
 * refusal is recorded as a security event (pages and server actions alike). An admin
 * who has a passkey uses it once per session first (the passkey step).
 */
export async function requireAdmin(returnTo: string) {
  const user = await requireUser(returnTo);
  return admitted(user, user.role === "ADMIN", returnTo);
}

/**
 * The guards' common end: someone not `allowed` gets the 404 page, the refusal recorded;
 * someone allowed whose session owes its passkey step is sent to it first.
 */
async function admitted<U extends { id: string; email: string; role: string }>(
  user: U,
  allowed: boolean,
  returnTo: string,
) {
  if (!allowed) {
    await noteRefusal(user, returnTo);
    notFound();
  }
  if (await passkeyCheckPending(user.id, user.role))
    redirect(`/sign-in/passkey?${new URLSearchParams({ callbackUrl: returnTo })}`);
  return user;
}

/**
 * Whether the user may manage the cohort the request names: an admin any, an organiser one
 * they are assigned to. `cohortId` is unchecked input: an id that is not a string of an
 * id's length is nobody's cohort.
 */
export async function mayManageCohort(user: { id: string; role: string }, cohortId: unknown): Promise<boolean> {
  if (user.role === "ADMIN") return true;
  return (
    user.role === "ORGANISER" &&
    typeof cohortId === "string" &&
    cohortId.length > 0 &&
    cohortId.length <= 40 &&
    organisesCohort(getDb(), user.id, cohortId)
  );
}

/**
 * The cohort id a posted form names (its `cohortId` field, or `field`), for
 * requireCohortManager: null when `form` is not a form at all, as when an action that
 * takes (state, form) is posted by its id without JavaScript and gets the form first.
 */
export function namedCohort(form: unknown, field = "cohortId"): unknown {
  return form instanceof FormData ? form.get(field) : null;
}

/**
 * Someone who may manage this cohort (mayManageCohort): an admin, or an organiser assigned
 * to it. Anyone else (an organiser of other cohorts included) gets the 404 page, recorded
 * as a refusal, as for requireAdmin.
 */
export async function requireCohortManager(cohortId: unknown, returnTo: string) {
  const user = await requireUser(returnTo);
  return admitted(user, await mayManageCohort(user, cohortId), returnTo);
}

/**
 * An admin or an organiser: the pages that list only what the user manages (the cohorts
 * list). Anyone else gets the 404 page, recorded as a refusal.
 */
export async function requireStaff(returnTo: string) {
  const user = await requireUser(returnTo);
  return admitted(user, user.role === "ADMIN" || user.role === "ORGANISER", returnTo);
}

/** Participants complete their profile before they reach the course. */
export async function requireCompleteProfile(returnTo: string) {
  const user = await requireUser(returnTo);
  if (user.role === "PARTICIPANT" && !user.profileComplete) {
    redirect(`/profile?${new URLSearchParams({ callbackUrl: returnTo })}`);
  }
  return user;
}
