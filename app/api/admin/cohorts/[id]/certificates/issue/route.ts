import { getDb } from "@/lib/db";
import { getCertificateRun, startCertificateRun } from "@/lib/db/certificate-runs";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { isSiteOrigin } from "@/lib/http/site-url";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

const POLL_MS = 500;
/** How long one request follows a run; the run goes on after, and the page shows it. */
const FOLLOW_MS = 10 * 60_000;

/**
 * Admin: issues certificates to every participant of the cohort who is due one, or follows
 * the run already under way. Issuing is a job of the queue (lib/db/certificate-runs.ts), so
 * it finishes even when this request does not. Streams progress as NDJSON lines
 * ({done, total, issued}), then {result} (with whom it skipped and why), or {error}.
 */
async function handlePost(request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/certificates/issue">) {
  if (!isSiteOrigin(request.headers.get("origin"))) return Response.json({ error: "cross-origin" }, { status: 403 });
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const { cohort, user } = found;
  const db = getDb();
  const run = await startCertificateRun(db, user.id, cohort.id);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      const until = Date.now() + FOLLOW_MS;
      let last = "";
      try {
        for (;;) {
          const now = await getCertificateRun(db, cohort.id, run.id);
          if (!now) {
            send({ error: "failed" });
            break;
          }
          if (now.status === "done" && now.result) {
            send({ result: now.result });
            break;
          }
          const progress = JSON.stringify({ done: now.done, total: now.total, issued: now.issued });
          if (progress !== last) controller.enqueue(encoder.encode(`${(last = progress)}\n`));
          if (request.signal.aborted) break;
          if (Date.now() > until) {
            send({ error: "still-running" });
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      } catch (err) {
        console.error("Following bulk certificate issuing failed", err);
        send({ error: "failed" });
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const POST = answerUnavailable(handlePost);
