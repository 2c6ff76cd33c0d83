// Auth.js answers only what the app uses over HTTP: the link in the sign-in e-mail
// (GET callback/nodemailer, guarded) and the session (GET session, reduced to what the
// pages need). Sign-in e-mails are sent by the app's own form, and signing out is a
// server action: every other Auth.js endpoint, and every POST, is a 404.
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { guardLinkAttempt } from "@/lib/auth/code-attempts";
import { publicSession } from "@/lib/auth/public-session";
import { userFromCookies } from "@/lib/auth/session-token";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

const action = (req: NextRequest) => new URL(req.url).pathname.replace(/^\/api\/auth\/?/, "").replace(/\/+$/, "");

export async function GET(req: NextRequest) {
  switch (action(req)) {
    case "callback/nodemailer":
      return guardLinkAttempt(req, handlers.GET);
    case "session": {
      // The app's own lifetime rules first (30 days from sign-in, 7 idle days): a session
      // past either is deleted there, and Auth.js then finds none.
      await userFromCookies((name) => req.cookies.get(name)?.value);
      const res = await handlers.GET(req);
      const headers = new Headers(res.headers);
      headers.delete("content-length");
      headers.set("Content-Type", "application/json");
      headers.set("Cache-Control", "no-store");
      return new Response(JSON.stringify(publicSession(await res.json().catch(() => null))), {
        status: res.status,
        headers,
      });
    }
    default:
      return notFound();
  }
}

export function POST() {
  return notFound();
}
