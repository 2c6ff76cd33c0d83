// The role checks every page, action and route handler makes itself.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";

/** Once per request: a layout and its page ask for the same session. */
export const getCurrentUser = cache(async () => (await auth())?.user);

export async function requireUser(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
  return user;
}

/** Admin pages do not exist for anyone else: a participant gets the 404 page. */
export async function requireAdmin(returnTo: string) {
  const user = await requireUser(returnTo);
  if (user.role !== "ADMIN") notFound();
  return user;
}

/** Participants complete their profile before they reach the course. */
export async function requireCompleteProfile(returnTo: string) {
  const user = await requireUser(returnTo);
  if (user.role === "PARTICIPANT" && !user.profileComplete) {
    redirect(`/profile?${new URLSearchParams({ callbackUrl: returnTo })}`);
  }
  return user;
}
