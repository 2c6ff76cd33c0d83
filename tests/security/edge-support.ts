// Helpers of the edge tests (edge.spec.ts): raw HTTP where Playwright's client would
// tidy the request (dot segments, huge streamed bodies), and a certificate to look up.
import http from "node:http";
import pg from "pg";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addAdmin, addSession, certificatesOf, createCohort, enrol, markPresent, openSession } from "../e2e/db";
import { uniqueEmail, uniqueName } from "../e2e/db";
import { signedInPerson } from "../e2e/people";
import { setCertificateRule } from "../e2e/db";

export const baseUrl = () => new URL(test.info().project.use.baseURL!);

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A GET with the path sent exactly as written. */
export function rawGet(pathAsSent: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = baseUrl();
    const req = http.request(
      { host: url.hostname, port: url.port, method: "GET", path: pathAsSent, headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * A POST whose body is sent in 64 KB pieces without end, `total` bytes at most (chunked
 * unless `declare` sends Content-Length: total), and the answer the server gives while
 * the body is still coming. The server may close the connection once it has answered:
 * the write error that follows is expected and ignored.
 */
export function postWhileStreaming(
  pathAsSent: string,
  total: number,
  options: { declare?: boolean; headers?: Record<string, string> } = {},
): Promise<RawResponse & { sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const url = baseUrl();
    const headers: Record<string, string> = { "Content-Type": "text/plain", ...options.headers };
    if (options.declare) headers["Content-Length"] = String(total);
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path: pathAsSent, headers });
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const pump = () => {
      while (!answered && sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      // All sent and still no answer: the body stays open, the server must answer anyway.
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, headers: res.headers, body, sentBytes: sent });
      });
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (answered || err.code === "ECONNRESET" || err.code === "EPIPE") return; // the server stopped reading: its answer follows
      reject(err);
    });
    req.flushHeaders();
    pump();
  });
}

/** Gives a certificate another code, straight in the database: Next.js is not told. */
export async function setCertificateCode(certificateId: string, code: string) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`UPDATE certificates SET code = $1 WHERE id = $2`, [code, certificateId]);
  } finally {
    await client.end();
  }
}

export const HOLDER = {
  name: "Zoë Ćirić",
  country: "RS",
  organisation: "University of Belgrade",
  position: "Researcher",
};

/** A certificate, issued through the admin's bulk-issue route; its holder is signed in on `page`. */
export async function issuedCertificate(page: Page, request: APIRequestContext) {
  const cohort = await createCohort({ name: uniqueName("Edge cohort") });
  const heldAt = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const session = await addSession(cohort.id, "nhz-policy-framework", heldAt, new Date(heldAt.getTime() + 90 * 60_000));
  await setCertificateRule(cohort.id, { minAttendancePercent: 100, requiredQuizzes: [], autoIssue: true });
  const { email, userId } = await signedInPerson(page, "edge-holder", HOLDER);
  await enrol(email, cohort.id);
  await markPresent(session, email);
  const token = await openSession(await addAdmin(uniqueEmail("edge-issuer")));
  const issued = await request.post(`/api/admin/cohorts/${cohort.id}/certificates/issue`, {
    headers: { Origin: baseUrl().origin, Cookie: `authjs.session-token=${token}` },
  });
  expect(issued.status()).toBe(200);
  const [certificate] = await certificatesOf(userId, cohort.id);
  return { cohort, email, id: certificate!.id, code: certificate!.code };
}

/** Records every Content-Security-Policy violation the page reports, from before its first script. */
export async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __cspViolations?: string[] };
      (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    async expectNone() {
      const inPage = await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      expect([...violations, ...inPage]).toEqual([]);
    },
  };
}
