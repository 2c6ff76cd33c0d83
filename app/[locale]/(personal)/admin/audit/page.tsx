import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listAuditActions, listAuditEvents } from "@/lib/db/audit";
import { SECURITY_REFUSED } from "@/lib/db/security-events";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { ZAuditFilter } from "@/lib/schemas/audit";

const LIMIT = 200;

export const generateMetadata = () => privatePageMetadata("Audit");

const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 1));

export default async function AuditPage({ params, searchParams }: PageProps<"/[locale]/admin/audit">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin("/admin/audit");
  const filter = ZAuditFilter.parse(await searchParams);
  const db = getDb();
  const [events, actions] = await Promise.all([listAuditEvents(db, { ...filter, take: LIMIT }), listAuditActions(db)]);
  const t = await getTranslations("Audit");
  const format = await getFormatter();
  const field = "mt-1 block rounded-lg border border-stone-400 bg-white px-3 py-2 text-stone-900";
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      {/* Keyed by the filter: a link to another filter re-renders the fields with its values. */}
      <form
        key={`${filter.action ?? ""}|${filter.person ?? ""}`}
        method="get"
        role="search"
        aria-label={t("filter")}
        className="mt-6 flex flex-wrap items-end gap-4 rounded-xl border border-stone-200 bg-white p-4"
      >
        <div>
          <label htmlFor="action" className="text-sm font-medium text-stone-900">
            {t("action")}
          </label>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={field}>
            <option value="">{t("anyAction")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="person" className="text-sm font-medium text-stone-900">
            {t("person")}
          </label>
          <input id="person" name="person" type="search" defaultValue={filter.person ?? ""} className={field} />
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("apply")}
        </button>
        <Link href="/admin/audit" className="py-2 font-medium text-brand-700 underline">
          {t("clear")}
        </Link>
        <Link
          href={{ pathname: "/admin/audit", query: { action: SECURITY_REFUSED } }}
          className="py-2 font-medium text-brand-700 underline"
        >
          {t("securityOnly")}
        </Link>
      </form>
      <p role="status" className="mt-4 text-sm text-stone-600">
        {t("shown", { count: events.length, limit: LIMIT })}
      </p>
      {events.length === 0 ? (
        <p className="mt-4 text-stone-700">{t("empty")}</p>
      ) : (
        <DataTable
          className="mt-2"
          headers={[t("at"), t("action"), t("actor"), t("subject"), t("record"), t("ip"), t("change")]}
        >
          {events.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-2 whitespace-nowrap text-stone-700">
                {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "long", timeZone: admin.timeZone })}
              </td>
              <td className="px-3 py-2 font-mono text-xs text-stone-900">{e.action}</td>
              <td className="px-3 py-2 text-stone-900">{e.actor?.email ?? t("system")}</td>
              <td className="px-3 py-2 text-stone-900">{e.subject ?? ""}</td>
              <td className="px-3 py-2 break-all text-stone-700">
                {e.entity ? `${e.entity} ${e.entityId ?? ""}` : ""}
              </td>
              <td className="px-3 py-2 text-stone-700">{e.ip ?? ""}</td>
              <td className="px-3 py-2">
                {(e.before !== null || e.after !== null) && (
                  <details>
                    <summary className="cursor-pointer text-brand-700 underline">{t("change")}</summary>
                    <div className="mt-2 grid gap-2 sm:grid-cols-2">
                      <div>
                        <p className="font-medium">{t("before")}</p>
                        <pre className="text-xs whitespace-pre-wrap">{json(e.before)}</pre>
                      </div>
                      <div>
                        <p className="font-medium">{t("after")}</p>
                        <pre className="text-xs whitespace-pre-wrap">{json(e.after)}</pre>
                      </div>
                    </div>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
