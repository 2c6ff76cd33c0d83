// Auth.js (next-auth v5), kept behind lib/auth so it can be swapped.
// Passwordless e-mail sign-in, database sessions through the Prisma adapter:
// signing out or a change of role takes effect on the next request.
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type DefaultSession } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Role } from "@/generated/prisma/enums";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { siteUrl } from "@/lib/http/site-url";
import { generateLinkToken, generateSessionToken, SIGN_IN_MINUTES, toLocalPath } from "./codes";
import { authCookies } from "./cookies";
import { SESSION_MAX_AGE, SESSION_UPDATE_AGE } from "./session-token";

declare module "next-auth" {
  interface Session {
    /** timeZone: the profile's, for showing times; UTC until the profile has one. */
    user: { id: string; role: Role; profileComplete: boolean; timeZone: string } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    profileCompletedAt?: Date | null;
    timeZone?: string | null;
  }
}

export const { handlers, auth, signOut } = NextAuth(() => {
  const db = getDb();
  // Auth.js builds its own URLs (callbacks, redirects) from AUTH_URL, never from the
  // request's Host or X-Forwarded-* headers.
  const site = siteUrl();
  process.env.AUTH_URL = `${site}/api/auth`;
  // The adapter is typed against @prisma/client; ours is the generated client with the same models.
  const adapter = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  return {
    adapter: {
      ...adapter,
      // Signing in over a session cookie whose session is gone (expired, signed out
      // elsewhere) deletes that session first: a missing row is not an error. The
      // deleted row, when there was one, names who signed out in the audit log.
      async deleteSession(sessionToken: string) {
        const [deleted] = await db.session.findMany({ where: { sessionToken }, take: 1 });
        await db.session.deleteMany({ where: { sessionToken } });
        return deleted ?? null;
      },
    },
    session: {
      strategy: "database",
      maxAge: SESSION_MAX_AGE,
      updateAge: SESSION_UPDATE_AGE,
      generateSessionToken,
    },
    trustHost: true,
    ...authCookies(site),
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      Nodemailer({
        // Required by the provider but never used: the app's own form sends sign-in
        // e-mails (lib/auth/sign-in-mail.ts), and Auth.js's sign-in endpoint is closed.
        server: { host: "localhost", port: 25 },
        maxAge: SIGN_IN_MINUTES * 60,
        generateVerificationToken: generateLinkToken,
        sendVerificationRequest() {
          throw new Error("Sign-in e-mails are sent by the sign-in form only");
        },
      }),
    ],
    callbacks: {
      // Always a path on this site, never an absolute URL: no redirect can lead
      // elsewhere, and the browser keeps the host name it used (Next reports
      // 127.0.0.1 and ::1 as "localhost", where the session cookie is not sent).
      redirect({ url }) {
        return toLocalPath(url);
      },
      session({ session, user }) {
        session.user.id = user.id;
        session.user.role = user.role ?? "PARTICIPANT";
        session.user.profileComplete = Boolean(user.profileCompletedAt);
        session.user.timeZone = user.timeZone ?? "UTC";
        return session;
      },
    },
    events: {
      async signIn({ user }) {
        await recordAudit(db, { action: "auth.sign_in", actorId: user.id, subject: user.email });
      },
      async signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        await recordAudit(db, { action: "auth.sign_out", actorId: userId ?? null });
      },
    },
  };
});
