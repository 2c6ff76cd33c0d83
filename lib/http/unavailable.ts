// Route handlers (app/api) answer a database that is down, hung past its timeouts or out
// of connections as the quiz's API does: 503 {"error":"unavailable"} with Retry-After, so
// that clients try again later, instead of Next's bare 500. Other errors go on to Next.
import { isDatabaseUnavailable } from "@/lib/db/errors";

/**
 * The answer to a request the database cannot take now, here and in the quiz's API
 * (lib/participant-api/router.ts): the client is told to try again in 30 seconds.
 */
export const UNAVAILABLE = {
  status: 503,
  headers: { "Retry-After": "30", "Cache-Control": "no-store" },
  body: { error: "unavailable" },
} as const;

export function unavailableResponse(): Response {
  return Response.json(UNAVAILABLE.body, { status: UNAVAILABLE.status, headers: UNAVAILABLE.headers });
}

/** The handler, answering 503 when the database cannot take its request now. */
export function answerUnavailable<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      console.error("API:", err);
      return unavailableResponse();
    }
  };
}
