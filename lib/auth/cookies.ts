// The session cookie's name and flags. Over HTTPS (an https SITE_URL) the session cookie
// is `__Host-authjs.session-token`: the browser accepts it only with Secure, Path=/ and
// no Domain, so neither a plain-HTTP page nor a sibling subdomain can set or replace it;
// Auth.js's other cookies are Secure too. Over plain HTTP (local use) none of that can hold.
import type { NextAuthConfig } from "next-auth";

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = "__Host-authjs.session-token";

/** Every name a session cookie may have, the HTTPS one first. */
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, SESSION_COOKIE] as const;

export const isHttps = (site: string) => URL.canParse(site) && new URL(site).protocol === "https:";

/** The cookie settings Auth.js is given for a site served at `site`. */
export function authCookies(site: string): Pick<NextAuthConfig, "useSecureCookies" | "cookies"> {
  const secure = isHttps(site);
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
  };
}
