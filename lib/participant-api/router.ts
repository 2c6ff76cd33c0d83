// The participant's JSON API: a quiz page starts an attempt, saves every answer and submits
// through it, the check-in page checks its participant in to a live session, and other
// clients may do the same. scripts/server.ts routes these paths here before Next.js sees a
// request, on Node's own request and response, the same way in development, production and
// the tests; Next.js has no route of its own under them. At the top of a live session these
// are the requests that come in hundreds a second, and Next's router and API resolver would
// cost as much CPU again as the submit's own work (bench/README.md, "bench:quiz"). Every
// other path, /api/... included, goes to Next.js.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies } from "cookie";
import FindMyWay from "find-my-way";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import type { ApiHandler, ApiRequest } from "@/lib/http/api";
import { UNAVAILABLE } from "@/lib/http/unavailable";
import { checkInHandler } from "./check-in";
import { saveAnswerHandler } from "./save-answer";
import { startAttemptHandler } from "./start-attempt";
import { submitAttemptHandler } from "./submit-attempt";

/** The routes, in find-my-way's syntax: each handler answers a wrong method itself (405). */
export const PARTICIPANT_API_ROUTES: Record<string, ApiHandler> = {
  "/api/cohorts/:id/quizzes/:slug/attempts": startAttemptHandler,
  "/api/attempts/:id/answers": saveAnswerHandler,
  "/api/attempts/:id/submit": submitAttemptHandler,
  "/api/sessions/:id/check-in": checkInHandler,
};

type Route = (req: IncomingMessage, res: ServerResponse, params: Record<string, string | undefined>) => void;

/**
 * A handler that failed: logged, and answered in the API's own shape if nothing was sent
 * yet: 503 with Retry-After when the database is down, hung or out of connections (the
 * request may succeed later), else 500.
 */
function failed(res: ServerResponse, err: unknown) {
  console.error("Participant API:", err);
  if (res.headersSent) return void res.destroy();
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
  if (isDatabaseUnavailable(err)) {
    res.writeHead(UNAVAILABLE.status, { ...headers, ...UNAVAILABLE.headers });
    return void res.end(JSON.stringify(UNAVAILABLE.body));
  }
  res.writeHead(500, headers);
  res.end(JSON.stringify({ error: "internal" }));
}

/**
 * The router: `handle` takes a request whose path is one of the routes and returns true,
 * or returns false and leaves the request alone.
 */
export function createParticipantApi(routes: Record<string, ApiHandler> = PARTICIPANT_API_ROUTES) {
  // A parameter longer than any id still reaches its handler, which refuses it in JSON.
  const router = FindMyWay<FindMyWay.HTTPVersion.V1>({ maxParamLength: 2048 });
  for (const [path, handler] of Object.entries(routes)) {
    const route: Route = (req, res, params) => {
      const request = Object.assign(req, { params, cookies: parseCookies(req.headers.cookie ?? "") }) as ApiRequest;
      handler(request, res).catch((err: unknown) => failed(res, err));
    };
    router.all(path, route);
  }
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? "/";
    const at = url.indexOf("?");
    const pathname = at === -1 ? url : url.slice(0, at);
    if (!pathname.startsWith("/api/")) return false;
    const found = router.find(req.method as FindMyWay.HTTPMethod, pathname);
    if (!found) return false;
    (found.handler as unknown as Route)(req, res, found.params);
    return true;
  };
}
