// The pure parts of sign-in's defences: secrets long enough, the link's query read
// unambiguously, secrets kept out of the outbox, cookies and the session answer.
import { beforeAll, describe, expect, it } from "vitest";
import {
  generateLinkToken,
  generateSessionToken,
  hashSignInCode,
  readLinkQuery,
  sameHash,
  SIGN_IN_MINUTES,
} from "@/lib/auth/codes";
import { authCookies, SECURE_SESSION_COOKIE, SESSION_COOKIE, SESSION_COOKIE_NAMES } from "@/lib/auth/cookies";
import { publicSession } from "@/lib/auth/public-session";
import { siteUrlWarning } from "@/lib/http/site-url";
import { storedCopy } from "@/lib/mail/send";
import { composeSignInEmail, maskSignInSecrets, signInLink } from "@/lib/mail/sign-in-email";

const base64urlBytes = (s: string) => Buffer.from(s, "base64url").length;

describe("[SECURITY][SIGN-IN]: secrets", () => {
  it("a link token and a session token carry 256 random bits each and never repeat", () => {
    for (const make of [generateLinkToken, generateSessionToken]) {
      const tokens = Array.from({ length: 100 }, make);
      for (const t of tokens) {
        expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(base64urlBytes(t)).toBe(32);
      }
      expect(new Set(tokens).size).toBe(100);
    }
  });

  it("links and codes expire after 10 minutes", () => expect(SIGN_IN_MINUTES).toBe(10));

  it("a code's hash depends on the address, the code and the secret, not on spacing", () => {
    const h = hashSignInCode("a@example.org", "123 456", "s");
    expect(h).toBe(hashSignInCode("A@Example.org", "123456", "s"));
    expect(sameHash(h, hashSignInCode("a@example.org", "123456", "s"))).toBe(true);
    expect(sameHash(h, hashSignInCode("b@example.org", "123456", "s"))).toBe(false);
    expect(sameHash(h, hashSignInCode("a@example.org", "123457", "s"))).toBe(false);
    expect(sameHash(h, hashSignInCode("a@example.org", "123456", "t"))).toBe(false);
    expect(sameHash(h, "")).toBe(false);
  });
});

describe("[SECURITY][SIGN-IN]: a sign-in link's query is read one way only", () => {
  it.each([
    ["email=a%40example.org&token=t", { email: "a@example.org", token: "t" }],
    ["email=%20A%40Example.ORG%20&token=t&callbackUrl=%2Fx", { email: "a@example.org", token: "t" }],
    ["email=a%40example.org&email=victim%40example.org&token=t", undefined],
    ["email=a%40example.org&token=t&token=u", undefined],
    ["email=a%40example.org&token=t&callbackUrl=%2Fa&callbackUrl=%2Fb", undefined],
    ["token=t", undefined],
    ["email=a%40example.org&token=", undefined],
    ["email=&token=t", undefined],
  ])("%s -> %j", (query, expected) => expect(readLinkQuery(new URLSearchParams(query))).toEqual(expected));
});

describe("[SECURITY][SIGN-IN]: the e-mailed link is on the configured address", () => {
  it("is built from the site's address, whatever the request said", () => {
    const link = signInLink("https://training.example.org/", { email: "a@example.org", token: "T", callbackUrl: "/x" });
    expect(link).toBe(
      "https://training.example.org/api/auth/callback/nodemailer?callbackUrl=%2Fx&token=T&email=a%40example.org",
    );
  });

  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", SITE_URL: "" }, true],
    [{ NODE_ENV: "production", SITE_URL: "training.example.org" }, true],
    [{ NODE_ENV: "production", SITE_URL: "https://training.example.org" }, false],
    [{ NODE_ENV: "development" }, false],
    [{}, false],
  ])("a production start without a usable SITE_URL warns (%j: %s)", (env, warns) => {
    const warning = siteUrlWarning(env);
    if (!warns) return expect(warning).toBeUndefined();
    expect(warning).toMatch(/SITE_URL is not set/);
    expect(warning).toMatch(/Set SITE_URL to the site's public address, e\.g\. SITE_URL=https:\/\//);
  });
});

describe("[SECURITY][OUTBOX]: sign-in secrets are not kept or shown", () => {
  const url = signInLink("http://localhost:3000", {
    email: "a@example.org",
    token: "SeCrEt_token-1",
    callbackUrl: "/",
  });
  const composed = composeSignInEmail({ url, code: "012345", minutes: 10, siteName: "Site" });
  let mail: { kind: "sign-in"; to: string } & Awaited<typeof composed>;
  beforeAll(async () => {
    mail = { kind: "sign-in", to: "a@example.org", ...(await composed) };
  });

  it("masks the link's token and the code in the subject, text and HTML", () => {
    const masked = maskSignInSecrets(mail);
    for (const part of [masked.subject, masked.text, masked.html]) {
      expect(part).not.toContain("SeCrEt_token-1");
      expect(part).not.toContain("012 345");
      expect(part).not.toContain("012345");
    }
    expect(masked.text).toContain("/api/auth/callback/nodemailer?callbackUrl=%2F&token=[hidden]&email=a%40example.org");
    expect(masked.text).toContain("code on the sign-in page: [hidden]");
    expect(masked.subject).toBe("Your sign-in code: [hidden]");
  });

  it("leaves other e-mails' numbers alone", () => {
    const other = { to: "a@example.org", subject: "Invitation", text: "Room 123 456, sign in at /sign-in", html: "" };
    expect(maskSignInSecrets(other)).toEqual(other);
  });

  it("the local sink keeps the only copy whole; with SMTP the stored copy holds no secret", () => {
    expect(storedCopy(mail, "sink")).toEqual(mail);
    const stored = storedCopy(mail, "smtp");
    expect(JSON.stringify(stored)).not.toContain("SeCrEt_token-1");
    expect(JSON.stringify(stored)).not.toContain("012 345");
    expect(stored.to).toBe(mail.to);
  });
});

describe("[SECURITY][COOKIES]: the session cookie over HTTPS", () => {
  it("is __Host- prefixed, Secure, on Path=/, and every Auth.js cookie is Secure", () => {
    const config = authCookies("https://training.example.org");
    expect(config.useSecureCookies).toBe(true);
    expect(config.cookies?.sessionToken?.name).toBe(SECURE_SESSION_COOKIE);
    expect(SECURE_SESSION_COOKIE).toBe("__Host-authjs.session-token");
    expect(config.cookies?.sessionToken?.options).toMatchObject({ secure: true, path: "/", httpOnly: true });
    expect(config.cookies?.sessionToken?.options).not.toHaveProperty("domain");
  });

  it("over plain HTTP (local use) has no prefix and no Secure flag, which the browser would refuse", () => {
    const config = authCookies("http://localhost:3000");
    expect(config.useSecureCookies).toBe(false);
    expect(config.cookies?.sessionToken?.name).toBe(SESSION_COOKIE);
  });

  it("is read under either name, the __Host- one first", () =>
    expect(SESSION_COOKIE_NAMES).toEqual([SECURE_SESSION_COOKIE, SESSION_COOKIE]));
});

describe("[SECURITY][SESSION]: the session answer", () => {
  it("keeps only id, name, role and expiry", () => {
    const body = {
      sessionToken: "secret-token",
      userId: "u1",
      user: { id: "u1", name: "Ann", email: "a@example.org", role: "ADMIN", emailVerified: "x", timeZone: "UTC" },
      expires: "2030-01-01T00:00:00.000Z",
    };
    expect(publicSession(body)).toEqual({
      user: { id: "u1", name: "Ann", role: "ADMIN" },
      expires: "2030-01-01T00:00:00.000Z",
    });
  });

  it("is null without a session", () => {
    expect(publicSession(null)).toBeNull();
    expect(publicSession({})).toBeNull();
  });
});
