import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { RosterConfirmButton } from "@/components/admin/roster-confirm-button";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { previewRosterImport } from "@/lib/db/roster";
import type { FieldChange, RosterAction } from "@/lib/domain/roster-plan";
import { countryName } from "@/lib/i18n/format";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { confirmRoster } from "../actions";

export const generateMetadata = () => privatePageMetadata("Roster", "previewTitle");

const PAGE = 100;
const KINDS = ["create", "update", "kept", "unchanged", "error"] as const;
type Kind = (typeof KINDS)[number];
const ZQuery = z.object({
  show: z.enum(KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

export default async function RosterPreviewPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/import/[importId]">) {
  const { locale, id, importId } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/import/${importId}`);
  const query = ZQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const preview = await previewRosterImport(db, cohort.id, importId);
  if (!preview || !preview.parsed.ok || !preview.plan) notFound();
  const t = await getTranslations("Roster");
  const { parsed, plan } = preview;
  const done = preview.import.result;
  // Once imported, the figures are what the import did, and only the rows left out stay listed.
  const counts: Record<Kind, number> = done
    ? { create: done.created, update: done.updated, kept: 0, unchanged: done.skipped, error: done.errors }
    : plan.counts;
  const figures = done ? KINDS.filter((k) => k !== "kept") : KINDS;
  // The first group with rows is shown first: on a re-import, the people whose details change.
  const show: Kind = done ? "error" : (query.show ?? KINDS.find((k) => counts[k] > 0) ?? "create");
  const tabs = done ? (["error"] as const) : KINDS;
  const actions = show === "error" ? [] : plan.actions.filter((a) => a.kind === show);
  const errors = show === "error" ? parsed.errors : [];
  const total = show === "error" ? errors.length : actions.length;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const slice = <T,>(items: T[]) => items.slice((query.page - 1) * PAGE, query.page * PAGE);
  const country = (code: string | null) => (code ? countryName(code, locale) : "—");
  const base = `/admin/cohorts/${cohort.id}/import/${importId}`;
  const value = (c: FieldChange, v: string | null) =>
    v === null ? t("empty") : c.field === "country" ? countryName(v, locale) : v;
  const change = (a: RosterAction) => {
    if (a.kind === "create") return <p>{t("willCreate")}</p>;
    if (a.kind === "unchanged") return <p>{t("reasons.already-enrolled")}</p>;
    const written = a.changes.filter((c) => c.applied);
    const kept = a.changes.filter((c) => !c.applied);
    return (
      <>
        {a.kind === "update" && a.enrolFrom === null && <p>{t("willEnrol")}</p>}
        {a.kind === "update" && a.enrolFrom !== null && a.enrolFrom !== "unchanged" && (
          <p>{t("willReactivate", { status: a.enrolFrom })}</p>
        )}
        {written.length > 0 && (
          <>
            <p>{t("willUpdate")}</p>
            <ul className="list-disc ps-5">
              {written.map((c) => (
                <li key={c.field}>
                  {t("fieldChange", {
                    field: t(`fields.${c.field}`),
                    from: value(c, c.from),
                    to: value(c, c.to),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {kept.length > 0 && (
          <>
            <p>{t("willKeep")}</p>
            <ul className="list-disc ps-5">
              {kept.map((c) => (
                <li key={c.field}>
                  {t("fieldKept", {
                    field: t(`fields.${c.field}`),
                    from: value(c, c.from),
                    to: value(c, c.to),
                    reason: t(`keptReasons.${c.reason}`),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  };
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="import" />
      <section aria-labelledby="preview-title" className="mt-8">
        <h2 id="preview-title" className="text-xl font-semibold text-stone-900">
          {done ? t("doneTitle", { file: preview.import.fileName }) : t("previewTitle")}
        </h2>
        {done ? (
          <p role="status" className="mt-3 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
            {t("doneBody", {
              created: done.created,
              updated: done.updated,
              skipped: done.skipped,
              errors: done.errors,
              invited: done.invited,
            })}
          </p>
        ) : (
          <p className="mt-2 text-stone-700">{t("previewIntro", { file: preview.import.fileName })}</p>
        )}
        {!done && (
          <p className="mt-4 text-stone-900">
            {t("summary", {
              create: counts.create,
              update: counts.update,
              kept: counts.kept,
              unchanged: counts.unchanged,
              error: counts.error,
            })}
          </p>
        )}
        <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {figures.map((k) => (
            <div key={k} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-stone-700">{t(`kinds.${k}`)}</dt>
              <dd className="text-2xl font-bold text-stone-900">{counts[k]}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-stone-700">
          {t("columnsRead", {
            columns: Object.entries(parsed.columns)
              .map(([f, col]) => `${t(`fields.${f as "name"}`)} ← “${col}”`)
              .join("; "),
          })}
          {parsed.ignoredColumns.length > 0 && (
            <> {t("columnsIgnored", { columns: parsed.ignoredColumns.join(", ") })}</>
          )}
        </p>
        {!done && (
          <form action={confirmRoster} className="mt-6 rounded-xl border border-brand-100 bg-brand-50 p-6">
            <input type="hidden" name="cohortId" value={cohort.id} />
            <input type="hidden" name="importId" value={importId} />
            <p className="text-stone-900">
              {t("confirmIntro", { changes: counts.create + counts.update, errors: counts.error })}
            </p>
            <label className="mt-3 flex items-start gap-2 text-stone-900">
              <input type="checkbox" name="invite" className="mt-1" />
              <span>{t("invite")}</span>
            </label>
            <div className="mt-4">
              <ClientMessages namespaces={["Roster"]}>
                <RosterConfirmButton label={t("confirm", { changes: counts.create + counts.update })} />
              </ClientMessages>
            </div>
          </form>
        )}
        <nav aria-label={t("showLabel")} className="mt-8 border-b border-stone-200">
          <ul className="-mb-px flex flex-wrap gap-x-1">
            {tabs.map((k) => (
              <li key={k}>
                <Link
                  href={{ pathname: base, query: { show: k } }}
                  aria-current={k === show ? "page" : undefined}
                  className="inline-block border-b-2 border-transparent px-3 py-2 font-medium text-stone-700 hover:text-stone-900 aria-[current=page]:border-brand-700 aria-[current=page]:text-brand-800"
                >
                  {t(`kinds.${k}`)} ({counts[k]})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {total === 0 ? (
          <p className="mt-4 text-stone-700">{t("nothing")}</p>
        ) : show === "error" ? (
          <DataTable className="mt-4" headers={[t("line"), t("column"), t("value"), t("problem")]}>
            {slice(errors).map((e, i) => (
              <tr key={`${e.line}-${e.field}-${i}`}>
                <th scope="row" className="px-4 py-2 text-start font-medium text-stone-900">
                  {e.line}
                </th>
                <td className="px-4 py-2">{t(`fields.${e.field}`)}</td>
                <td className="px-4 py-2 break-all" dir="auto">
                  {e.value || "—"}
                </td>
                <td className="px-4 py-2">{t(`rowErrors.${e.code}`)}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <DataTable
            className="mt-4"
            headers={[
              t("line"),
              t("fields.name"),
              t("fields.email"),
              t("fields.country"),
              t("fields.organisation"),
              t("change"),
            ]}
          >
            {slice(actions).map((a) => (
              <tr key={a.row.line}>
                <th scope="row" className="px-4 py-2 text-start font-medium text-stone-900">
                  {a.row.line}
                </th>
                {/* What the person will have after the import, not the file's cells: a value
                    the person entered, or a blank cell, leaves the current one. */}
                <td className="px-4 py-2" dir="auto">
                  {a.after.name ?? "—"}
                </td>
                <td className="px-4 py-2 break-all">{a.row.email}</td>
                <td className="px-4 py-2">{country(a.after.country)}</td>
                <td className="px-4 py-2">
                  <span dir="auto" className="block">
                    {a.after.organisation ?? "—"}
                  </span>
                  {a.after.position && (
                    <span dir="auto" className="block text-stone-600">
                      {a.after.position}
                    </span>
                  )}
                </td>
                <td className="px-4 py-2" dir="auto">
                  {change(a)}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager
          pathname={base}
          query={{ show }}
          page={query.page}
          pages={pages}
          labels={{
            nav: t("pagination"),
            previous: t("previous"),
            next: t("next"),
            pageOf: t("pageOf", { page: query.page, pages }),
          }}
        />
        <p className="mt-8">
          <Link href={`/admin/cohorts/${cohort.id}/import`} className="font-medium text-brand-700 underline">
            {t("back")}
          </Link>
        </p>
      </section>
    </div>
  );
}
