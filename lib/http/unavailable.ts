// Route handlers (app/api) answer a database that is down, hung past its timeouts or out
// of connections as the quiz's API does: 503 {"error":"unavailable"} with Retry-After, so
// that clients try again later, instead of Next's bare 500. Other errors go on to Next.
import { isDatabaseUnavailable } from "@/lib/db/errors";

/** Seconds a client is told to wait before trying again while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 30;

export function unavailableResponse(): Response {
  return Response.json(
    { error: "unavailable" },
    { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
  );
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
