// The plumbing of the participant's JSON API (lib/participant-api): the quiz's start, save
// and submit, and self check-in (the participant's pages write through it; other clients
// may too). The server routes those paths to their handlers before Next.js sees them
// (lib/participant-api/router.ts), on Node's own request and response. Each handler still
// checks the session, the method and its input itself.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { userFromCookies } from "@/lib/auth/session-token";
import type { SessionUser } from "@/lib/db/sessions-auth";
import { watchRefusals } from "./api-refusals";
import { isSiteOrigin } from "./site-url";

/**
 * What a handler gets: Node's request with the path's parameters (`params`, decoded) and
 * the request's cookies, and Node's response. The handler reads the body itself, with a
 * limit (readJson).
 */
export type ApiRequest = IncomingMessage & {
  params: Partial<Record<string, string>>;
  cookies: Partial<Record<string, string | undefined>>;
};
export type ApiHandler = (req: ApiRequest, res: ServerResponse) => Promise<void>;

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
      chunks.length = 0;
      resolve(result);
    };
    // Past the limit the rest is still read, and dropped: the connection can then serve
    // the client's next request.
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) return finish({ ok: false, status: 413 });
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (done) return;
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
export function apiUser(req: ApiRequest) {
  return userFromCookies((name) => req.cookies[name]);
}

/** Whether the request carries a body (a length above zero, or a chunked one). */
function hasBody(req: IncomingMessage): boolean {
  const length = Number(req.headers["content-length"] ?? 0);
  return length > 0 || req.headers["transfer-encoding"] !== undefined;
}

/** Whether the request's Content-Type is application/json (with any parameters). */
export function isJsonContentType(value: string | undefined): boolean {
  return (value ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}

/**
 * What every handler checks first, in this order: the method (405); that the request comes
 * from the site's own pages, by its Origin, which browsers send on every cross-origin and
 * every same-origin PUT/POST (403 `cross-origin`: another site, or another port of this
 * host, cannot make a signed-in browser write); that a body is JSON (415
 * `unsupported-media-type`: a form or text/plain body is what a cross-site page can send
 * without a preflight); the session (401); and, for a participant, a complete profile,
 * as the quiz pages require (403 `profile-incomplete`). Undefined once the refusal has
 * been sent.
 */
export async function signedIn(
  req: ApiRequest,
  res: ServerResponse,
  method: "POST" | "PUT",
): Promise<SessionUser | undefined> {
  if (!allowOnly(req, res, method)) return undefined;
  if (!isSiteOrigin(req.headers.origin)) return void sendJson(res, 403, { error: "cross-origin" });
  if (hasBody(req) && !isJsonContentType(req.headers["content-type"]))
    return void sendJson(res, 415, { error: "unsupported-media-type" });
  const user = await apiUser(req);
  if (!user) return void sendJson(res, 401, { error: "sign-in-required" });
  if (user.role === "PARTICIPANT" && !user.profileComplete)
    return void sendJson(res, 403, { error: "profile-incomplete" });
  watchRefusals(req, res, user);
  return user;
}

/**
 * signedIn(), then the JSON body: at most `maxBytes` (413), JSON (400), and of `schema`
 * (400 {error: "invalid"}). Undefined once the refusal has been sent.
 */
export async function signedInWithJson<T>(
  req: ApiRequest,
  res: ServerResponse,
  method: "POST" | "PUT",
  schema: z.ZodType<T>,
  maxBytes: number,
) {
  const user = await signedIn(req, res, method);
  if (!user) return undefined;
  const body = await readJson(req, maxBytes);
  if (!body.ok) return void sendJson(res, body.status, { error: BODY_ERROR[body.status] });
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return void sendJson(res, 400, { error: "invalid" });
  return { user, body: parsed.data };
}

/** A parameter of the route's path (":id"), or undefined. */
export function segment(req: ApiRequest, name: string): string | undefined {
  return req.params[name];
}
