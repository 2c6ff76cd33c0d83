import { getTranslations, setRequestLocale } from "next-intl/server";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { auditWhere, countAuditEvents, listAuditActions, listAuditPage } from "@/lib/db/audit";
import { resolveAuditNames } from "@/lib/db/audit-names";
import { listCohortsForAdmin } from "@/lib/db/cohorts-admin";
import { AUDIT_ACTIONS, formatAuditCursor, parseAuditCursor } from "@/lib/domain/audit";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { ZAuditFilter } from "@/lib/schemas/audit";

export const generateMetadata = () => privatePageMetadata("Audit");

const linkClass =
  "rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600";

export default async function AuditPage({ params, searchParams }: PageProps<"/[locale]/admin/audit">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin("/admin/audit");
  const { older, newer, size = 50, ...filter } = ZAuditFilter.parse(await searchParams);
  const db = getDb();
  const where = await auditWhere(db, { ...filter, timeZone: admin.timeZone });
  const olderAt = parseAuditCursor(older);
  const newerAt = olderAt ? null : parseAuditCursor(newer);
  const [page, count, recorded, cohorts] = await Promise.all([
    listAuditPage(db, where, { size, older: olderAt, newer: newerAt }),
    countAuditEvents(db, where),
    listAuditActions(db),
    listCohortsForAdmin(db),
  ]);
  const entries = await resolveAuditNames(db, page.entries);
  const actions = [...new Set([...AUDIT_ACTIONS, ...recorded])].sort();
  const t = await getTranslations("Audit");
  // The filter as a query, for the paging links and the export: empty fields left out.
  const query = Object.fromEntries(
    Object.entries({ ...filter, size: size === 50 ? undefined : String(size) }).filter(([, v]) => v),
  ) as Record<string, string>;
  const first = entries[0];
  const last = entries[entries.length - 1];
  const hasNewer = newerAt ? page.hasMore : Boolean(olderAt);
  const hasOlder = newerAt ? true : page.hasMore;
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <AuditFilterForm values={{ ...filter, size }} actions={actions} cohorts={cohorts} />
      <div className="mt-4 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="text-sm text-stone-700">
          {t("count", { count })}
        </p>
        <a href={`/api/admin/audit.csv?${new URLSearchParams(query)}`} className={linkClass} download>
          {t("csv")}
        </a>
      </div>
      {entries.length === 0 ? (
        <p className="mt-4 text-stone-700">{t("empty")}</p>
      ) : (
        <AuditTable entries={entries} timeZone={admin.timeZone} />
      )}
      {(hasNewer || hasOlder) && (
        <nav aria-label={t("pages")} className="mt-4 flex flex-wrap gap-4">
          {hasNewer && first && (
            <>
              <Link href={{ pathname: "/admin/audit", query }} className={linkClass}>
                {t("newest")}
              </Link>
              <Link
                href={{ pathname: "/admin/audit", query: { ...query, newer: formatAuditCursor(first) } }}
                className={linkClass}
                rel="prev"
              >
                {t("newer")}
              </Link>
            </>
          )}
          {hasOlder && last && (
            <Link
              href={{ pathname: "/admin/audit", query: { ...query, older: formatAuditCursor(last) } }}
              className={linkClass}
              rel="next"
            >
              {t("older")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
