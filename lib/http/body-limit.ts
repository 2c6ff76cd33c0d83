// How many bytes a request body may have, by path, enforced by scripts/server.ts before
// any handler reads it: a declared Content-Length past the cap is refused at once, and a
// body sent without one is counted as it streams in and refused the moment it passes.
// Each handler keeps its own, tighter, check of what it accepts.
import type { IncomingMessage } from "node:http";

const KB = 1024;
const MB = 1024 * KB;

/** The admin's pages, with or without a locale prefix. */
export const ADMIN_PAGE = /^\/(?:[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/)?admin(?:\/|$)/;

/**
 * The first matching rule gives the cap; paths are the front door's normalised ones.
 * `adminBytes`: the cap for a signed-in admin, whose session the front door checks
 * before it reads a byte of a body larger than `bytes`.
 */
export const BODY_LIMITS: { path: RegExp; bytes: number; adminBytes?: number }[] = [
  // A credential file is a VC-JWT of a few kilobytes; the handler takes up to 64 KB of it.
  { path: /^\/api\/credentials\/verify$/, bytes: 128 * KB },
  // Auth.js: sign-in forms, the code, sign-out.
  { path: /^\/api\/auth\//, bytes: 64 * KB },
  // The quiz's routes of the participant API (lib/participant-api): an answer, or a whole attempt's answers.
  { path: /^\/api\/(?:attempts|cohorts)\//, bytes: 256 * KB },
  { path: /^\/api\//, bytes: 1 * MB },
  // The admin's uploads, by server action: a Zoom participant report (up to 5 MB,
  // ZOOM_LIMITS) or a roster (2 MB), with the form around it. Keep adminBytes in step
  // with experimental.serverActions.bodySizeLimit in next.config.js.
  { path: ADMIN_PAGE, bytes: 1 * MB, adminBytes: 6 * MB },
  // Every other page's server actions: forms of a few fields, a quiz's answers.
  { path: /^/, bytes: 1 * MB },
];

/** The cap on a body to `path`; `asAdmin`: from a signed-in admin. */
export function bodyLimit(path: string, asAdmin = false): number {
  const rule = BODY_LIMITS.find((r) => r.path.test(path));
  return (asAdmin ? rule?.adminBytes : undefined) ?? rule?.bytes ?? 0;
}

/** Whether a signed-in admin may send `path` more than others may. */
export const hasAdminAllowance = (path: string) => bodyLimit(path, true) > bodyLimit(path);

/** Whether a declared Content-Length is already past `cap` (a malformed one counts as past). */
export function declaredTooLarge(contentLength: string | undefined, cap: number): boolean {
  if (contentLength === undefined) return false;
  const n = Number(contentLength);
  return !/^\d+$/.test(contentLength.trim()) || !Number.isSafeInteger(n) || n > cap;
}

/**
 * Counts the body's bytes as Node's HTTP parser hands them to the request, before any
 * reader sees them. Past `cap` (read at each chunk: the front door may raise it for an
 * admin's upload), `onExceeded` is called once, the reader gets an error
 * (never a cut-short body), and the rest is read and dropped: the connection stays open,
 * so that the client receives the 413 rather than a reset; `onEnd` tells when it is over.
 */
export function capStreamedBody(
  req: IncomingMessage,
  cap: number | (() => number),
  on: { exceeded: () => void; end: () => void },
): void {
  const limit = typeof cap === "number" ? () => cap : cap;
  let seen = 0;
  let exceeded = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (exceeded) {
      if (chunk === null) on.end();
      return true;
    }
    if (chunk !== null && chunk !== undefined) {
      seen += Buffer.byteLength(chunk as Buffer);
      if (seen > limit()) {
        exceeded = true;
        on.exceeded();
        req.emit("error", Object.assign(new Error("The request body is too large"), { code: "BODY_TOO_LARGE" }));
        return true;
      }
    }
    return push(chunk, encoding);
  };
}
