import { getTranslations } from "next-intl/server";
import { describeAuditEntry, type AuditT } from "@/lib/audit/describe";
import { getDb } from "@/lib/db";
import { auditWhere, eachAuditBatch } from "@/lib/db/audit";
import { resolveAuditNames } from "@/lib/db/audit-names";
import { auditValueText } from "@/lib/domain/audit";
import { csvRows, toCsv } from "@/lib/domain/csv";
import { adminForExport } from "@/lib/http/admin-csv";
import { routing } from "@/lib/i18n/routing";
import { ZAuditQuery } from "@/lib/schemas/audit";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * The audit events the log's filter matches, all of them, newest first, as CSV: written in
 * batches while it streams, names resolved, no cell able to become a formula. Admins only;
 * a malformed filter is a 400 that says which fields.
 */
async function handleGet(request: Request) {
  const found = await adminForExport("/api/admin/audit.csv");
  if (!found.user) return found.response;
  const params = new URL(request.url).searchParams;
  const parsed = ZAuditQuery.safeParse(Object.fromEntries(params));
  const repeated = [...new Set([...params.keys()].filter((k) => params.getAll(k).length > 1))];
  if (!parsed.success || repeated.length > 0) {
    const fields = parsed.success ? repeated : [...new Set(parsed.error.issues.map((i) => i.path.join(".")))];
    return Response.json({ error: "invalid-filter", fields }, { status: 400 });
  }
  const db = getDb();
  const timeZone = found.user.timeZone;
  const where = await auditWhere(db, { ...parsed.data, timeZone });
  const tr = await getTranslations({ locale: routing.defaultLocale, namespace: "Audit" });
  const header = [
    tr("csvHeader.at"),
    tr("csvHeader.actorName"),
    tr("csvHeader.actorEmail"),
    tr("csvHeader.action"),
    tr("csvHeader.what"),
    tr("csvHeader.record"),
    tr("csvHeader.cohort"),
    tr("csvHeader.ip"),
    tr("csvHeader.before"),
    tr("csvHeader.after"),
  ];
  const t = tr as unknown as AuditT;
  const when = (d: Date) => d.toISOString();
  const encoder = new TextEncoder();
  const batches = eachAuditBatch(db, where);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv(header, [])));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const rows = (await resolveAuditNames(db, next.value)).map((e) => {
          const text = describeAuditEntry(t, e, when);
          return [
            e.at.toISOString(),
            text.actor,
            text.actorEmail,
            e.action,
            text.what,
            text.target,
            e.cohort?.name ?? "",
            e.ip ?? "",
            auditValueText(e.before),
            auditValueText(e.after),
          ];
        });
        controller.enqueue(encoder.encode(csvRows(rows)));
      } catch (err) {
        controller.error(err);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="audit-log.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
