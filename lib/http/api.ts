// The plumbing of the JSON API in pages/api: the quiz endpoints that participants' browsers
// and the load bench call many times a second. They are Pages Router API routes because
// Next.js spends about half as much per request on those as on an App Router route handler
// (bench/README.md, "bench:quiz"): no Web Request/Response, no streams in between.
// Each handler still checks the session, the method and its input itself.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextApiRequest, NextApiResponse } from "next";
import { userFromCookies } from "@/lib/auth/session-token";
import { originOf } from "./origin";

/** What every handler exports: the body is read here, with a limit, not by Next's parser. */
export type ApiConfig = { api: { bodyParser: false } };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

/** False, with a 405 and the Allow header sent, unless the request uses `method`. */
export function allowOnly(req: IncomingMessage, res: ServerResponse, method: "POST" | "PUT"): boolean {
  if (req.method === method) return true;
  sendJson(res, 405, { error: "method-not-allowed" }, { Allow: method });
  return false;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 };

/** The request body parsed as JSON (undefined when empty); 413 past `maxBytes`, 400 when not JSON. */
export function readJson(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: JsonBody) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish({ ok: false, status: 413 });
        req.removeAllListeners("data");
        req.resume(); // drain the rest, so the connection can be used again
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (!text) return finish({ ok: true, value: undefined });
      try {
        finish({ ok: true, value: JSON.parse(text) });
      } catch {
        finish({ ok: false, status: 400 });
      }
    });
    req.on("error", () => finish({ ok: false, status: 400 }));
  });
}

export const BODY_ERROR = { 400: "invalid", 413: "too-large" } as const;

/** The signed-in user of an API request, from the Auth.js session cookie. */
export function apiUser(req: NextApiRequest) {
  return userFromCookies((name) => req.cookies[name]);
}

/** A dynamic segment of the path: one string, or undefined. */
export function segment(req: NextApiRequest, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === "string" ? value : undefined;
}

/** The address the request came in on, for what is signed with it (certificates). */
export function apiOrigin(req: NextApiRequest): string {
  return originOf((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
}

/** Runs `task` once the response has been sent. */
export const afterResponse = (res: NextApiResponse) => (task: () => Promise<void>) => {
  res.once("finish", () => void task());
};
