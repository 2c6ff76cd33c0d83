import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { generateSignInCode, hashVerificationToken, normaliseCode, toLocalPath } from "@/lib/auth/codes";
import { composeSignInEmail } from "@/lib/mail/sign-in-email";
import { ZReturnPath, ZSignInCode, ZSignInRequest } from "@/lib/schemas/auth";

describe("sign-in codes", () => {
  it("are six digits, leading zeros kept, and vary", () => {
    const codes = Array.from({ length: 200 }, generateSignInCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(150);
  });

  it.each([
    ["123 456", "123456"],
    ["123-456", "123456"],
    [" 123456 ", "123456"],
    ["۱۲۳ ۴۵۶", "123456"],
    ["١٢٣٤٥٦", "123456"],
    ["１２３４５６", "123456"],
  ])("accepts %j as typed", (typed, code) => expect(normaliseCode(typed)).toBe(code));

  it("hash like Auth.js: sha256 hex of token + secret", () => {
    expect(hashVerificationToken("123456", "s3cret")).toBe(createHash("sha256").update("123456s3cret").digest("hex"));
    expect(hashVerificationToken("123456", "other")).not.toBe(hashVerificationToken("123456", "s3cret"));
  });
});

describe("redirects after sign-in stay on the site", () => {
  it.each([
    ["/account", "/account"],
    ["/admin/outbox?x=1#top", "/admin/outbox?x=1#top"],
    ["http://localhost:3000/account", "/account"],
    ["https://evil.example/steal?x=1", "/steal?x=1"],
    ["//evil.example/x", "/"],
    ["not a url", "/"],
  ])("%s -> %s", (url, path) => expect(toLocalPath(url)).toBe(path));

  it.each([
    ["/account", "/account"],
    ["/lectures/x?y=1", "/lectures/x?y=1"],
    ["//evil.example", "/dashboard"],
    ["https://evil.example/", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    [undefined, "/dashboard"],
  ])("callbackUrl %j is kept as %j", (input, expected) => expect(ZReturnPath.parse(input)).toBe(expected));
});

describe("sign-in request", () => {
  it.each([
    ["  Someone@Example.ORG ", true],
    ["no-at-sign", false],
    ["", false],
    ["a@b", false],
  ])("%j valid: %s", (email, ok) => {
    expect(ZSignInRequest.safeParse({ email, callbackUrl: "/account" }).success).toBe(ok);
  });
  it.each([
    ["123-456", "123456"],
    ["۱۲۳۴۵۶", "123456"],
    ["12345", undefined],
    ["12345a", undefined],
  ])("reads the code %j typed on the check-email page as %j", (code, expected) => {
    const parsed = ZSignInCode.safeParse({ email: "a@example.org", code, callbackUrl: "/" });
    expect(parsed.data?.code).toBe(expected);
  });
  it("lower-cases the address", () => {
    expect(ZSignInRequest.parse({ email: " Someone@Example.ORG ", callbackUrl: "/" }).email).toBe(
      "someone@example.org",
    );
  });
});

describe("the sign-in e-mail", () => {
  const composed = composeSignInEmail({
    url: "http://localhost:3000/api/auth/callback/nodemailer?token=012345&a=<b>",
    code: "012345",
    minutes: 10,
    siteName: "Site & Co",
  });
  let mail: Awaited<typeof composed>;
  beforeAll(async () => {
    mail = await composed;
  });
  it("carries the link and the code, spaced for reading", () => {
    expect(mail.subject).toBe("Your sign-in code: 012 345");
    expect(mail.text).toContain("http://localhost:3000/api/auth/callback/nodemailer?token=012345&a=<b>");
    expect(mail.text).toContain("enter this code on the sign-in page: 012 345");
    expect(mail.text).toContain("for 10 minutes");
  });
  it("is the platform's template: a button to sign in, the code large, the same link in the text", () => {
    expect(mail.html).toContain(
      '<a href="http://localhost:3000/api/auth/callback/nodemailer?token=012345&amp;a=&lt;b&gt;"',
    );
    expect(mail.html).toMatch(/<strong style="font-size:28px[^"]*">012 345<\/strong>/);
    expect(mail.text).toContain("Sign in: http://localhost:3000/api/auth/callback/nodemailer?token=012345&a=<b>");
  });
  it("escapes what it puts into HTML", () => {
    expect(mail.html).toContain("Site &amp; Co");
    expect(mail.html).toContain("a=&lt;b&gt;");
    expect(mail.html).not.toContain("<b>");
  });
});
