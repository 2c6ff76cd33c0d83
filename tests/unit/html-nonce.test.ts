import { describe, expect, it } from "vitest";
import { bodyLimit, declaredTooLarge } from "@/lib/http/body-limit";
import { createNonceInserter } from "@/lib/http/html-nonce";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

const html = `<!DOCTYPE html><html><head><link rel="preload" as="script" href="/_next/a.js"/><script src="/_next/b.js" async=""></script></head><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>self.__next_f.push([1,"\\u003cscript"])</script><scriptx></scriptx></body></html>`;

describe("createNonceInserter", () => {
  const expected = html
    .replace('<link rel="preload"', '<link nonce="N" rel="preload"')
    .replace("<script src=", '<script nonce="N" src=')
    .replace("<script>self", '<script nonce="N">self');

  it("puts the nonce on every script and link tag, and on nothing else", () => {
    expect(createNonceInserter("N")(html, true)).toBe(expected);
  });

  it.each([1, 2, 3, 5, 7, 8, 13])("gives the same result when the body arrives in pieces of %i bytes", (size) => {
    const rewrite = createNonceInserter("N");
    const bytes = Buffer.from(`${html}ü€`);
    let out = "";
    for (let i = 0; i < bytes.length; i += size) out += rewrite(bytes.subarray(i, i + size));
    out += rewrite(undefined, true);
    expect(out).toBe(`${expected}ü€`);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only when the site is served over https", () => {
    expect(securityHeaders("https://lms.example")["Strict-Transport-Security"]).toMatch(/^max-age=\d{8}/);
    expect(securityHeaders("http://localhost:3000")["Strict-Transport-Security"]).toBeUndefined();
  });

  it("always sends nosniff, a referrer policy, no framing, an opener policy and a permissions policy", () => {
    const h = securityHeaders("http://localhost:3000");
    expect(h).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(h["Permissions-Policy"]).toContain("camera=()");
  });

  it("builds a policy with the nonce, 'strict-dynamic' and no inline or eval in production", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe("bodyLimit", () => {
  it.each([
    ["/api/credentials/verify", 128 * 1024, 128 * 1024],
    ["/api/auth/signin/nodemailer", 64 * 1024, 64 * 1024],
    ["/api/attempts/abc/answers", 256 * 1024, 256 * 1024],
    ["/api/admin/cohorts/x/certificates/issue", 1024 * 1024, 1024 * 1024],
    ["/en/admin/cohorts/x/import", 1024 * 1024, 6 * 1024 * 1024],
    ["/admin", 1024 * 1024, 6 * 1024 * 1024],
    ["/en/administrators", 1024 * 1024, 1024 * 1024],
    ["/en/profile", 1024 * 1024, 1024 * 1024],
  ])("%s: %i bytes, %i from a signed-in admin", (path, bytes, adminBytes) => {
    expect(bodyLimit(path)).toBe(bytes);
    expect(bodyLimit(path, true)).toBe(adminBytes);
  });

  it.each([
    [undefined, false],
    ["100", false],
    ["101", true],
    ["-1", true],
    ["1e9", true],
    ["", true],
  ])("Content-Length %j past 100: %s", (length, past) => {
    expect(declaredTooLarge(length, 100)).toBe(past);
  });
});
