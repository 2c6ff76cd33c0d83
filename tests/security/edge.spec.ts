// What the server in front of Next.js holds for every request: who the client is, how big
// a body may be, the security headers and Content-Security-Policy of every response, and
// public look-ups that neither dodge their limit nor fill the page cache.
import { createHash } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import { createCohort, enrol, uniqueName } from "../e2e/db";
import { signedInAdmin, signedInPerson } from "../e2e/people";
import { HOLDER, issuedCertificate, postWhileStreaming, rawGet, setCertificateCode, watchCsp } from "./edge-support";
import { SITE_ORIGIN } from "./quiz-support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const MB = 1024 * 1024;
const LOOKUPS_PER_MINUTE = Number(process.env.VERIFY_LOOKUPS_PER_MINUTE) || 60;
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

/** A client address of this test's own (the test's connection is the trusted local proxy). */
const clientAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
// A well-formed code (its canonical spelling) that no certificate has: issued codes are random.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const unknownCode = () =>
  `ECOSF-21-${Array.from({ length: 4 }, () => CODE_ALPHABET[Math.floor(Math.random() * 32)]).join("")}-ZZZZ`;

test("[SECURITY][HEADERS]: every response carries the security headers: pages, static files, the JSON API, Auth.js, the front door's own answers", async ({
  request,
}) => {
  const home = await request.get("/");
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(await home.text())?.[0];
  expect(chunk).toBeDefined();
  const responses = [
    home,
    await request.get(chunk!),
    await request.get("/api/health"),
    await request.put("/api/attempts/nothing/answers", { data: {} }),
    await request.get("/api/auth/session"),
    await request.get("/no-such-page"),
  ];
  const malformed = await rawGet("/%E0%A4%A");
  expect(malformed.status).toBe(400);
  for (const r of responses) expect(r.headers(), r.url()).toMatchObject(SECURITY_HEADERS);
  expect(malformed.headers).toMatchObject(SECURITY_HEADERS);
  expect(home.headers()["permissions-policy"]).toContain("camera=()");
});

test("[SECURITY][CSP]: every HTML response has a strict policy: a page rendered for the request has a fresh nonce on each of its scripts, a page served to everyone from the server's cache the hash of each inline script; error pages and the front door's 400 included", async ({
  request,
}) => {
  const strict = (csp: string, url: string) => {
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp, url).toContain(directive);
    expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  };
  const rendered = [await request.get("/no-such-page"), await request.get("/no-such-page")];
  const nonces = new Set<string>();
  for (const r of rendered) {
    const csp = r.headers()["content-security-policy"] ?? "";
    const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce, r.url()).toBeDefined();
    strict(csp, r.url());
    const scripts = (await r.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(rendered.length);

  for (const url of ["/", `/lectures/${lecture.slug}`]) {
    await request.get(url); // rendered or cached: the next one is from the server's cache
    const cached = await request.get(url);
    expect(cached.headers()["age"], url).toMatch(/^\d+$/);
    const csp = cached.headers()["content-security-policy"] ?? "";
    strict(csp, url);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.split(" ");
    expect(scriptSrc[0]).toBe("'self'");
    const html = await cached.text();
    const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length, url).toBeGreaterThan(0);
    const hashes = inline.map((text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`);
    expect(scriptSrc.slice(1).sort()).toEqual([...new Set(hashes)].sort());
    expect(html).not.toContain("nonce=");
  }
  const refused = await rawGet("/%");
  expect(refused.headers["content-security-policy"]).toMatch(
    /object-src 'none'.*base-uri 'none'.*frame-ancestors 'none'/,
  );
});

test("[SECURITY][CSP]: Chromium runs every page's scripts and reports no violation: home, a lecture, the quiz, a certificate, sign-in, admin", async ({
  browser,
  request,
}) => {
  const visit = async (page: import("@playwright/test").Page, url: string) => {
    const csp = await watchCsp(page);
    const response = await page.goto(url);
    // A fresh nonce, or (a page served to everyone from the server's cache) script hashes.
    expect(response?.headers()["content-security-policy"], url).toMatch(/'strict-dynamic'|'sha256-/);
    // The app's scripts ran: the Next.js runtime (a chunk) started.
    await page.waitForFunction(() => Boolean((window as unknown as { next?: unknown }).next));
    await csp.expectNone();
  };
  const visitor = await (await browser.newContext()).newPage();
  // Each public page twice: the second time from the server's cache.
  for (const url of ["/", "/", `/lectures/${lecture.slug}`, `/lectures/${lecture.slug}`, "/sign-in"])
    await visit(visitor, url);

  const holder = await (await browser.newContext()).newPage();
  const { code } = await issuedCertificate(holder, request);
  await visit(visitor, `/verify/${code}`);
  await expect(visitor.getByRole("status")).toHaveText("Valid certificate");
  await visit(visitor, `/verify/${code}`); // now from the cache

  const cohort = await createCohort({ name: uniqueName("Edge quiz cohort") });
  const participant = await (await browser.newContext()).newPage();
  const { email } = await signedInPerson(participant, "edge-quiz", {
    name: "Aigerim Sadykova",
    country: "KZ",
    organisation: "Al-Farabi KazNU",
    position: "Researcher",
  });
  await enrol(email, cohort.id);
  await visit(participant, `/course/${cohort.id}/quiz/${lecture.slug}`);
  const started = await participant.request.post(`/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`, {
    headers: { Origin: SITE_ORIGIN },
  });
  expect(started.status()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };
  await visit(participant, `/course/${cohort.id}/quiz/${lecture.slug}/attempt/${attemptId}`);

  const admin = await (await browser.newContext()).newPage();
  await signedInAdmin(admin, "edge-admin");
  await visit(admin, `/admin/cohorts/${cohort.id}`);
});

test("[SECURITY][BODY]: a 40 MB credential, sign-in form or quiz answer is refused with 413 while it is still being sent, and the server answers at once afterwards", async ({
  request,
}) => {
  // Sent without a length, the body is counted as it arrives.
  const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: SITE_ORIGIN };
  for (const [url, headers] of [
    ["/api/credentials/verify", {}],
    ["/api/sign-in/code", form],
  ] as const) {
    const chunked = await postWhileStreaming(url, 40 * MB, { headers });
    expect(chunked.status, url).toBe(413);
    expect(chunked.sentBytes, url).toBeLessThan(40 * MB);
  }
  // Declared, it is refused before a byte of it is read.
  for (const url of ["/api/credentials/verify", "/api/sign-in/code", "/api/attempts/x/answers"]) {
    const declared = await postWhileStreaming(url, 40 * MB, { declare: true });
    expect(declared.status, url).toBe(413);
    expect(declared.sentBytes, url).toBeLessThan(40 * MB);
  }
  const sessionAction = await postWhileStreaming("/en/sign-in", 40 * MB, { headers: { "Next-Action": "x" } });
  expect(sessionAction.status).toBe(413);
  expect((await request.get("/api/health")).status()).toBe(200);
  // A body within the cap still reaches its handler.
  const small = await request.post("/api/credentials/verify", {
    data: "not a credential",
    headers: { "Content-Type": "text/plain" },
  });
  expect(small.status()).toBe(200);
  expect(await small.json()).toMatchObject({ valid: false });
});

test("[SECURITY][BODY]: an upload to an admin's page without an admin's session is refused with 413 before its body is read, by its declared length or as it streams", async ({
  request,
}) => {
  // An admin may send 6 MB there (a Zoom report); anyone else 1 MB, like any other page.
  const page = "/en/admin/cohorts/x/sessions/y/attendance";
  const declared = await postWhileStreaming(page, 4 * MB, { declare: true, headers: { "Next-Action": "x" } });
  expect([declared.status, declared.body]).toEqual([413, expect.stringContaining("The request is too large.")]);
  const streamed = await postWhileStreaming(page, 15 * MB, { headers: { "Next-Action": "x" } });
  expect(streamed.status).toBe(413);
  expect(streamed.sentBytes).toBeLessThan(15 * MB);
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("[SECURITY][CLIENT-IP]: a client cannot dodge the look-up limit by writing a fresh left-most X-Forwarded-For address", async ({
  request,
}) => {
  const client = clientAddress();
  const statuses: number[] = [];
  for (let i = 0; i <= LOOKUPS_PER_MINUTE; i++) {
    const r = await request.post("/api/credentials/verify", {
      data: "",
      headers: { "Content-Type": "text/plain", "X-Forwarded-For": `203.0.113.${i % 250}, ${client}` },
    });
    statuses.push(r.status());
  }
  expect(statuses.slice(0, LOOKUPS_PER_MINUTE).every((s) => s === 400)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
});

test("[SECURITY][LOOKUPS]: /%76erify/<code> and /./verify/<code> count against the look-up limit", async () => {
  const headers = { "X-Forwarded-For": clientAddress() };
  const spellings = ["/%76erify/", "/./verify/", "/en/%2e/verify/"];
  const statuses: number[] = [];
  for (let i = 0; i <= LOOKUPS_PER_MINUTE; i++)
    statuses.push((await rawGet(`${spellings[i % spellings.length]}${unknownCode()}`, headers)).status);
  expect(statuses.slice(0, LOOKUPS_PER_MINUTE)).not.toContain(429);
  expect(statuses.at(-1)).toBe(429);
});

test("[SECURITY][LOOKUPS]: looking up a real certificate again and again is not counted; a client refused for guessing is refused its page too, in every web process", async ({
  page,
  request,
}) => {
  const issued = await issuedCertificate(page, request);
  // A connection each: the web processes take new connections in turn.
  const headers = { "X-Forwarded-For": clientAddress(), Connection: "close" };
  // Each web process counts the page's first look-up, before it holds the page; none after.
  for (let i = 0; i < LOOKUPS_PER_MINUTE + 10; i++)
    expect((await rawGet(`/verify/${issued.code}`, headers)).status, `look-up ${i + 1}`).toBe(200);
  // Then codes that do not exist, each counted, until the client is refused.
  const guesses: number[] = [];
  while (guesses.at(-1) !== 429 && guesses.length <= LOOKUPS_PER_MINUTE)
    guesses.push((await rawGet(`/verify/${unknownCode()}`, headers)).status);
  expect(guesses.at(-1)).toBe(429);
  expect(guesses.slice(0, -1).every((s) => s === 404)).toBe(true);
  expect(guesses.length).toBeGreaterThan(LOOKUPS_PER_MINUTE - 5);
  // Refused, the real certificate's page is refused as well, whichever process answers:
  // otherwise a 200 among the 429s would tell a code that exists.
  for (let i = 0; i < 10; i++) {
    const refused = await rawGet(`/verify/${issued.code}`, headers);
    expect(refused.status, `look-up ${i + 1} after the refusal`).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  }
  // Another client is not affected.
  expect((await rawGet(`/verify/${issued.code}`, { ...headers, "X-Forwarded-For": clientAddress() })).status).toBe(200);
});

test("[SECURITY][VERIFY]: an unknown certificate code is a 404 that says so and is not kept: once a certificate has the code, its page shows it; a real code's page is served from the cache", async ({
  page,
  request,
}) => {
  const unknown = [unknownCode(), unknownCode()];
  for (const code of unknown) {
    expect((await request.get(`/verify/${code}`, { maxRedirects: 0 })).status()).toBe(404);
    // Typed loosely: a redirect to the canonical spelling.
    expect([307, 308]).toContain((await request.get(`/verify/${code.toLowerCase()}`, { maxRedirects: 0 })).status());
  }
  const code = unknownCode();
  const csp = await watchCsp(page);
  expect((await page.goto(`/verify/${code}`))?.status()).toBe(404);
  await expect(page.getByRole("alert").filter({ hasText: "No certificate" })).toHaveText(
    `No certificate has the code ${code}. Check the code for typing mistakes.`,
  );
  await csp.expectNone();

  const issued = await issuedCertificate(page, request);
  expect((await request.get(`/verify/${issued.code}`)).status()).toBe(200);
  // The certificate takes, one after the other, the codes refused above, and Next.js is not
  // told: had a refusal been kept (for the page's 5 minutes), it would be served again.
  for (const taken of [...unknown, code]) {
    await setCertificateCode(issued.id, taken);
    const found = await request.get(`/verify/${taken}`, { maxRedirects: 0 });
    expect(found.status(), taken).toBe(200);
    const html = await found.text();
    expect(html).toContain("Valid certificate");
    expect(html).toContain(HOLDER.name);
  }
  // Its first code is nobody's by now, and its page still answers from the cache.
  const cached = await request.get(`/verify/${issued.code}`, { maxRedirects: 0 });
  expect(cached.status()).toBe(200);
  expect(await cached.text()).toContain(issued.code);
});

test("[SECURITY][INVITE]: an invite link with an unknown code is a 404 that says the link does not work", async ({
  request,
}) => {
  for (const code of ["0123456789abcdef0123456789abcdef", "not-a-code"]) {
    const r = await request.get(`/enrol/${code}`);
    expect(r.status()).toBe(404);
    expect(await r.text()).toContain("This invite link does not work");
  }
});
