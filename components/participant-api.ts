// The participant's pages' writes to the JSON API (lib/participant-api/router.ts): the
// quiz's start, saves and submit, and self check-in.

/** The API's answer: its status, and its JSON body (null when it has none). */
export type ParticipantApiAnswer = { status: number; body: Record<string, unknown> | null };

/**
 * Sends `body` as JSON and reads the answer whole, so that the connection is free again.
 * Null when no answer came (the connection failed).
 */
export async function sendToParticipantApi(
  method: "POST" | "PUT",
  path: string,
  body: unknown,
): Promise<ParticipantApiAnswer | null> {
  try {
    const answer = await fetch(path, {
      method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await answer.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: answer.status, body: json };
  } catch {
    return null;
  }
}
