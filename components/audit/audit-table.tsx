import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { describeAuditEntry, type AuditT } from "@/lib/audit/describe";
import type { ResolvedAuditEntry } from "@/lib/db/audit-names";
import { diffAuditJson } from "@/lib/domain/audit";
import { Link } from "@/lib/i18n/navigation";

/** A cohort or person id in a changed field, by name when the entry names that record. */
function nameFor(e: ResolvedAuditEntry, field: string, value: string): string {
  if (field === "cohortId" && e.cohort && value === e.cohort.id) return e.cohort.name;
  const person = e.target?.person ?? e.actor;
  if (field === "userId" && person && value === person.id) return person.name ?? person.email;
  return value;
}

/** A page of the audit log: when, who, what in words, on what, from where, and the fields it changed. */
export async function AuditTable({ entries, timeZone }: { entries: ResolvedAuditEntry[]; timeZone: string }) {
  const t = await getTranslations("Audit");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone });
  const headers = [t("at"), t("actor"), t("what"), t("record"), t("ip"), t("change")];
  return (
    <DataTable className="mt-2" headers={headers} stacked>
      {entries.map((e) => {
        const text = describeAuditEntry(t as unknown as AuditT, e, when);
        const changes = diffAuditJson(e.before, e.after).map((c) => ({
          ...c,
          before: nameFor(e, c.field, c.before),
          after: nameFor(e, c.field, c.after),
        }));
        return (
          <tr key={e.id}>
            <td data-label={headers[0]} className="px-3 py-2 text-stone-700">
              <time dateTime={e.at.toISOString()}>
                {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "long", timeZone })}
              </time>
            </td>
            <td data-label={headers[1]} className="px-3 py-2 text-stone-900">
              {e.actor ? (
                <Link href={`/admin/people/${e.actor.id}`} className="font-medium text-brand-700 underline">
                  {text.actor}
                </Link>
              ) : (
                text.actor
              )}
              {e.actor?.name && <span className="block text-xs break-all text-stone-600">{e.actor.email}</span>}
            </td>
            <td data-label={headers[2]} className="px-3 py-2 text-stone-900">
              {text.what}
              <span className="block font-mono text-xs text-stone-600">{e.action}</span>
            </td>
            <td data-label={headers[3]} className="px-3 py-2 break-words text-stone-700">
              {text.target}
              {e.cohort && e.target?.cohort?.id !== e.cohort.id && (
                <span className="block text-xs text-stone-600">{e.cohort.name}</span>
              )}
            </td>
            <td data-label={headers[4]} className="px-3 py-2 text-stone-700">
              {e.ip ?? ""}
            </td>
            <td data-label={headers[5]} className="px-3 py-2">
              {changes.length > 0 && (
                <details>
                  <summary className="cursor-pointer text-brand-700 underline">
                    {t("changes", { count: changes.length })}
                  </summary>
                  <dl className="mt-2 grid gap-2 text-xs">
                    {changes.map((c) => (
                      <div key={c.field} data-change={c.field}>
                        <dt className="font-mono font-semibold text-stone-900">{c.field}</dt>
                        <dd className="break-all text-stone-700">
                          {t("before")}: {c.before || "—"}
                        </dd>
                        <dd className="break-all text-stone-900">
                          {t("after")}: {c.after || "—"}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
