// The database session Auth.js keeps, read from its cookie without Auth.js: what the
// pages' getCurrentUser and the participant API (lib/participant-api) both use.
import "server-only";
import { getDb } from "@/lib/db";
import { readSession } from "@/lib/db/sessions-auth";
import { SESSION_POLICY } from "@/lib/domain/sessions";
import { parse as parseCookies } from "cookie";
import { SESSION_COOKIE_NAMES } from "./cookies";

/**
 * Auth.js's own session settings: the cookie lasts the absolute lifetime; each request's
 * readSession applies the absolute and idle limits to the database row.
 */
export const SESSION_MAX_AGE = SESSION_POLICY.absoluteSeconds;
export const SESSION_UPDATE_AGE = 24 * 60 * 60;
/** The session cookie's names (lib/auth/cookies.ts): the __Host- one over HTTPS. */
export const SESSION_COOKIES = SESSION_COOKIE_NAMES;

/** The signed-in user of the request whose cookies `cookie` reads, or undefined. */
export async function userFromCookies(cookie: (name: string) => string | undefined) {
  const token = SESSION_COOKIES.map(cookie).find(Boolean);
  if (!token || token.length > 200) return undefined;
  return (await readSession(getDb(), token)) ?? undefined;
}

/**
 * Whether a request's Cookie header carries the session of a signed-in admin or organiser
 * (the front door's upload check: both import rosters and Zoom reports).
 */
export async function isStaffCookie(cookieHeader: string | undefined): Promise<boolean> {
  if (!cookieHeader) return false;
  const cookies = parseCookies(cookieHeader);
  const role = (await userFromCookies((name) => cookies[name]))?.role;
  return role === "ADMIN" || role === "ORGANISER";
}
