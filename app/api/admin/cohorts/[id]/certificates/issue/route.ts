import { issueContext } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { issueCohortCertificates } from "@/lib/db/certificate-issue";
import { cohortForAdminExport } from "@/lib/http/admin-csv";
import { isSiteOrigin } from "@/lib/http/site-url";

export const dynamic = "force-dynamic";

/**
 * Admin: issues certificates to every participant of the cohort who is due one.
 * Streams progress as NDJSON lines ({done, total, issued}), then {result} (with whom it
 * skipped and why) or {error}.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/admin/cohorts/[id]/certificates/issue">) {
  if (!isSiteOrigin(request.headers.get("origin"))) return Response.json({ error: "cross-origin" }, { status: 403 });
  const found = await cohortForAdminExport((await params).id);
  if (!found.cohort) return found.response;
  const { cohort, user } = found;
  const context = await issueContext();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const result = await issueCohortCertificates(getDb(), user.id, cohort.id, context, (p) => send(p));
        send({ result });
      } catch (err) {
        console.error("Bulk certificate issuing failed", err);
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
