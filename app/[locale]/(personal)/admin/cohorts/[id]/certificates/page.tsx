import { notFound } from "next/navigation";
import { z } from "zod";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { BulkIssue } from "@/components/certificates/bulk-issue";
import { ZipDownload } from "@/components/certificates/zip-download";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { ConfirmLink, ConfirmPanel } from "@/components/admin/row-confirm";
import { requireCohortManager } from "@/lib/auth/session";
import { issueContext } from "@/lib/certificates/context";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { openCertificateRun } from "@/lib/db/certificate-runs";
import { currentTemplateVersion } from "@/lib/db/certificate-templates";
import { cohortCertificateOverview, getCertificateRule } from "@/lib/db/certificates";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { nameChangedSinceIssue, type Missing } from "@/lib/domain/certificates";
import { PAGE_SIZE, parseConfirm } from "@/lib/domain/paging";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import {
  issueAfterRevocationAction,
  reissueCertificateAction,
  revokeCertificateAction,
  saveCertificateRuleAction,
} from "./actions";
import { PersonName } from "@/components/ui/person-name";

export const generateMetadata = () => privatePageMetadata("AdminCertificates");

const SAVED = ["rule", "rule-auto", "revoked", "reissued", "issued-again", "issuing"] as const;
const SHOW = ["all", "due", "missing", "issued", "revoked"] as const;
// The row actions that ask first, in their row (components/admin/row-confirm.tsx).
const CONFIRMED = ["issue-again", "reissue", "revoke"] as const;
// The latest revocations listed; the audit log holds every one.
const HISTORY_SHOWN = 20;
const ZView = z.object({
  show: z.enum(SHOW).catch("all").default("all"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
const ERRORS = [
  "minAttendancePercent",
  "requiredQuizzes",
  "reason",
  "already-revoked",
  "not-found",
  "no-name",
  "not-enrolled",
  "not-eligible",
  "already-held",
  "name-unchanged",
  "confirm",
] as const;

export default async function CohortCertificatesPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/certificates">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const viewer = await requireCohortManager(id, `/admin/cohorts/${id}/certificates`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const query = await searchParams;
  const saved = SAVED.find((s) => s === query.saved);
  const error = ERRORS.find((e) => e === query.error);
  const lectures = listLectures();
  const { lectures: refs } = await issueContext();
  const [rule, overview, underway, templateVersion] = await Promise.all([
    getCertificateRule(db, cohort.id, refs),
    cohortCertificateOverview(db, cohort.id, refs),
    openCertificateRun(db, cohort.id),
    currentTemplateVersion(db, cohort.id),
  ]);
  const t = await getTranslations("AdminCertificates");
  const format = await getFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  const eligible = overview.rows.filter((r) => r.eligibility.eligible).length;
  // Due: what bulk issuing would issue. A revoked certificate is not brought back, and
  // nothing can be issued without a certificate name.
  const isDue = (r: (typeof overview.rows)[number]) =>
    r.eligibility.eligible && !r.certificate && !r.revoked && Boolean(r.user.certificateName?.trim());
  const due = overview.rows.filter(isDue).length;
  const view = ZView.parse({ show: query.show, page: query.page });
  const shown = overview.rows.filter((r) =>
    view.show === "due"
      ? isDue(r)
      : view.show === "missing"
        ? !r.eligibility.eligible && !r.certificate && !r.revoked
        : view.show === "issued"
          ? r.certificate !== null
          : view.show === "revoked"
            ? r.revoked !== null
            : true,
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(view.page, pages);
  const counts = {
    all: overview.rows.length,
    due,
    missing: overview.rows.filter((r) => !r.eligibility.eligible && !r.certificate && !r.revoked).length,
    issued: overview.validCount,
    revoked: overview.rows.filter((r) => r.revoked !== null).length,
  };
  const base = `/admin/cohorts/${cohort.id}/certificates`;
  const history = [...overview.history].sort((a, b) => b.revokedAt!.getTime() - a.revokedAt!.getTime());
  // The list's view, kept by a row's confirmation and by the action that follows it.
  const listQuery = { ...(view.show !== "all" && { show: view.show }), ...(page > 1 && { page }) };
  const confirmAt = { pathname: base, query: listQuery };
  const asking = parseConfirm(query.confirm, CONFIRMED);
  const hidden = (
    <>
      <input type="hidden" name="cohortId" value={cohort.id} />
      {view.show !== "all" && <input type="hidden" name="show" value={view.show} />}
      {page > 1 && <input type="hidden" name="page" value={page} />}
    </>
  );
  const missingText = (m: Missing) =>
    m.kind === "quiz"
      ? t("missing.quiz", { number: m.number })
      : t("missing.attendance", { attended: m.attended, needed: m.needed });
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="certificates" />
      {saved && (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t(`saved.${saved}`)}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t(`errors.${error}`)}
        </p>
      )}

      <section aria-labelledby="summary-title" className="mt-8">
        <h2 id="summary-title" className="text-xl font-semibold text-stone-900">
          {t("summaryTitle")}
        </h2>
        <p className="mt-2 text-stone-800">
          {t("summary", {
            participants: overview.rows.length,
            eligible,
            issued: overview.validCount,
            revoked: overview.history.length,
          })}
        </p>
        <ClientMessages namespaces={["AdminCertificates"]}>
          <div className="mt-4 flex flex-wrap items-start gap-8">
            <BulkIssue
              cohortId={cohort.id}
              due={due}
              underway={underway && { done: underway.done, total: underway.total, issued: underway.issued }}
              linkPeople={viewer.role === "ADMIN"}
            />
            <ZipDownload cohortId={cohort.id} count={overview.validCount} />
          </div>
        </ClientMessages>
      </section>

      <section aria-labelledby="people-title" className="mt-10">
        <h2 id="people-title" className="text-xl font-semibold text-stone-900">
          {t("peopleTitle")}
        </h2>
        <nav aria-label={t("filterLabel")} className="mt-3">
          <ul className="flex flex-wrap gap-2">
            {SHOW.map((s) => (
              <li key={s}>
                <Link
                  href={{ pathname: base, query: s === "all" ? {} : { show: s } }}
                  aria-current={s === view.show ? "page" : undefined}
                  className="inline-block rounded-full border border-stone-300 px-3 py-1 text-sm font-medium text-stone-800 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
                >
                  {t(`show.${s}`, { count: counts[s] })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {shown.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("nobody")}</p>
        ) : (
          <DataTable
            className="mt-3"
            stacked
            headers={[
              t("columns.participant"),
              t("columns.eligibility"),
              t("columns.certificate"),
              t("columns.actions"),
            ]}
          >
            {shown
              .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
              .map(({ user, eligibility, certificate, revoked }) => {
                const renamed = certificate !== null && nameChangedSinceIssue(certificate, user);
                return (
                  <tr key={user.id} className="align-top">
                    <td className="p-3">
                      <span className="font-medium text-stone-900">{user.certificateName ?? user.email}</span>
                      {user.nativeName && (
                        <span className="block text-stone-800">
                          <PersonName name={user.nativeName} country={user.country} />
                        </span>
                      )}
                      <span className="block text-stone-600">{user.email}</span>
                      {/* The name is set on the person's page, which only admins have. */}
                      {!user.certificateName?.trim() &&
                        (viewer.role === "ADMIN" ? (
                          <Link
                            href={`/admin/people/${user.id}`}
                            className="block font-medium text-amber-900 underline"
                          >
                            {t("noName")}
                            <span className="sr-only"> {user.email}</span>
                          </Link>
                        ) : (
                          <span className="block font-medium text-amber-900">{t("noName")}</span>
                        ))}
                    </td>
                    <td className="p-3 text-stone-800" data-label={t("columns.eligibility")}>
                      {revoked && !certificate ? (
                        <span className="font-medium text-red-800">
                          {t("revokedStatus", { date: day(revoked.revokedAt!), reason: revoked.revokedReason ?? "" })}
                        </span>
                      ) : eligibility.eligible ? (
                        t("eligible")
                      ) : (
                        eligibility.missing.map(missingText).join(" · ")
                      )}
                    </td>
                    <td className="p-3" data-label={t("columns.certificate")}>
                      {certificate ? (
                        <>
                          {/* Not prefetched: a prefetch still rendering when this page revokes or reissues the
                          certificate would be cached after the change, showing the old status. */}
                          <Link
                            href={`/verify/${certificate.code}`}
                            prefetch={false}
                            className="font-mono text-brand-800 underline"
                          >
                            {certificate.code}
                          </Link>
                          <span className="block text-stone-600">
                            {t("issuedOn", { date: day(certificate.issuedAt) })}
                          </span>
                          {renamed && (
                            <span className="block font-medium text-amber-900">
                              {t("nameChanged", {
                                name: [certificate.name, certificate.nativeName].filter(Boolean).join(" / "),
                              })}
                            </span>
                          )}
                        </>
                      ) : revoked ? (
                        <span className="text-stone-600">{t("revokedCode", { code: revoked.code })}</span>
                      ) : (
                        <span className="text-stone-600">{t("none")}</span>
                      )}
                    </td>
                    <td className="p-3">
                      {(certificate || revoked) && (
                        <div className="flex flex-wrap items-start gap-x-4 gap-y-2 sm:block sm:space-y-2">
                          {revoked && !certificate && (
                            <ConfirmLink
                              {...confirmAt}
                              confirm={`issue-again:${user.id}`}
                              subject={user.email}
                              tone="normal"
                            >
                              {t("issueAgain")}
                            </ConfirmLink>
                          )}
                          {certificate && (
                            <>
                              <a
                                href={`/api/certificates/${certificate.id}/pdf`}
                                className="block font-medium text-brand-800 underline"
                              >
                                {t("pdf")}
                                <span className="sr-only"> {user.email}</span>
                              </a>
                              {renamed && (
                                <ConfirmLink
                                  {...confirmAt}
                                  confirm={`reissue:${certificate.id}`}
                                  subject={user.email}
                                  tone="normal"
                                >
                                  {t("reissue")}
                                </ConfirmLink>
                              )}
                              <ConfirmLink {...confirmAt} confirm={`revoke:${certificate.id}`} subject={user.email}>
                                {t("revoke")}
                              </ConfirmLink>
                            </>
                          )}
                        </div>
                      )}
                      {asking?.kind === "issue-again" && asking.id === user.id && revoked && !certificate && (
                        <ConfirmPanel {...confirmAt} cancel={t("keep")}>
                          <form action={issueAfterRevocationAction} className="space-y-2">
                            {hidden}
                            <input type="hidden" name="userId" value={user.id} />
                            <p className="text-stone-800">{t("issueAgainHelp")}</p>
                            <button
                              type="submit"
                              className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-800"
                            >
                              {t("confirmIssueAgain")}
                              <span className="sr-only"> {user.email}</span>
                            </button>
                          </form>
                        </ConfirmPanel>
                      )}
                      {asking?.kind === "reissue" && asking.id === certificate?.id && renamed && (
                        <ConfirmPanel {...confirmAt} cancel={t("keep")}>
                          <form action={reissueCertificateAction} className="space-y-2">
                            {hidden}
                            <input type="hidden" name="certificateId" value={certificate.id} />
                            <p className="text-stone-800">
                              {t("reissueConfirm", {
                                code: certificate.code,
                                name: [user.certificateName?.trim(), user.nativeName?.trim()]
                                  .filter(Boolean)
                                  .join(" / "),
                              })}
                            </p>
                            <button
                              type="submit"
                              name="confirm"
                              value="yes"
                              className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-800"
                            >
                              {t("confirmReissue")}
                            </button>
                          </form>
                        </ConfirmPanel>
                      )}
                      {asking?.kind === "revoke" && certificate && asking.id === certificate.id && (
                        <ConfirmPanel {...confirmAt} cancel={t("keep")}>
                          <form action={revokeCertificateAction} className="space-y-2">
                            {hidden}
                            <input type="hidden" name="certificateId" value={certificate.id} />
                            <label htmlFor="revoke-reason" className="block text-stone-800">
                              {t("reasonLabel")}
                            </label>
                            <input
                              id="revoke-reason"
                              name="reason"
                              required
                              minLength={3}
                              maxLength={500}
                              className="block w-64 max-w-full rounded border border-stone-400 px-2 py-1"
                            />
                            <button
                              type="submit"
                              className="rounded bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
                            >
                              {t("confirmRevoke")}
                            </button>
                          </form>
                        </ConfirmPanel>
                      )}
                    </td>
                  </tr>
                );
              })}
          </DataTable>
        )}
      </section>

      <Pager
        pathname={base}
        query={listQuery}
        page={page}
        pages={pages}
        labels={{
          nav: t("pagination"),
          previous: t("previous"),
          next: t("next"),
          pageOf: t("pageOf", { page, pages }),
        }}
      />

      {overview.history.length > 0 && (
        <section aria-labelledby="history-title" className="mt-10">
          <h2 id="history-title" className="text-xl font-semibold text-stone-900">
            {t("historyTitle")}
          </h2>
          <ul className="mt-3 space-y-2 text-sm text-stone-800">
            {history.slice(0, HISTORY_SHOWN).map((c) => (
              <li key={c.id}>
                <span className="font-mono">{c.code}</span> · {c.name} ({c.user.email}) ·{" "}
                {c.replacedBy
                  ? t("replacedBy", { date: day(c.revokedAt!), code: c.replacedBy.code })
                  : t("revokedOn", { date: day(c.revokedAt!), reason: c.revokedReason ?? "" })}{" "}
                ·{" "}
                <a href={`/api/certificates/${c.id}/pdf`} className="font-medium text-brand-800 underline">
                  {t("revokedPdf")}
                  <span className="sr-only"> {c.code}</span>
                </a>
              </li>
            ))}
          </ul>
          {history.length > HISTORY_SHOWN && (
            <p className="mt-3 text-sm text-stone-800">
              {t.rich("historyMore", {
                count: history.length - HISTORY_SHOWN,
                // The audit log is an admin's page.
                audit: (chunks) =>
                  viewer.role === "ADMIN" ? (
                    <Link
                      href={{ pathname: "/admin/audit", query: { cohort: cohort.id } }}
                      className="font-medium text-brand-800 underline"
                    >
                      {chunks}
                    </Link>
                  ) : (
                    chunks
                  ),
              })}
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="template-title" className="mt-10">
        <h2 id="template-title" className="text-xl font-semibold text-stone-900">
          {t("templateTitle")}
        </h2>
        <p className="mt-2 text-stone-800">{t("templateCurrent", { version: templateVersion })}</p>
        <p className="mt-2">
          <Link href={`${base}/template`} className="font-medium text-brand-800 underline">
            {t("templateEdit")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="rule-title" className="mt-10">
        <h2 id="rule-title" className="text-xl font-semibold text-stone-900">
          {t("ruleTitle")}
        </h2>
        <form
          key={JSON.stringify(rule)}
          action={saveCertificateRuleAction}
          className="mt-3 max-w-2xl space-y-5 rounded-lg border border-stone-200 bg-white p-5"
        >
          <input type="hidden" name="cohortId" value={cohort.id} />
          <div>
            <label htmlFor="minAttendancePercent" className="block font-medium text-stone-900">
              {t("rule.minAttendance")}
            </label>
            <p id="minAttendancePercent-hint" className="text-sm text-stone-600">
              {t("rule.minAttendanceHint")}
            </p>
            <input
              id="minAttendancePercent"
              name="minAttendancePercent"
              type="number"
              min={0}
              max={100}
              step={1}
              defaultValue={rule.minAttendancePercent}
              required
              aria-describedby={`minAttendancePercent-hint${error === "minAttendancePercent" ? " minAttendancePercent-error" : ""}`}
              aria-invalid={error === "minAttendancePercent" || undefined}
              className="mt-1 block w-28 rounded-lg border border-stone-400 px-3 py-2"
            />
            {error === "minAttendancePercent" && (
              <p id="minAttendancePercent-error" className="mt-1 text-sm font-medium text-red-800">
                {t("errors.minAttendancePercent")}
              </p>
            )}
          </div>
          <fieldset>
            <legend className="font-medium text-stone-900">{t("rule.quizzes")}</legend>
            <ul className="mt-2 space-y-1">
              {lectures.map((l) => (
                <li key={l.slug}>
                  <label className="flex items-start gap-2 text-stone-800">
                    <input
                      type="checkbox"
                      name="requiredQuizzes"
                      value={l.slug}
                      defaultChecked={rule.requiredQuizzes.includes(l.slug)}
                      className="mt-1"
                    />
                    <span>{t("rule.quiz", { number: l.number, title: l.meta.title })}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <label className="flex items-start gap-2 text-stone-800">
            <input type="checkbox" name="autoIssue" defaultChecked={rule.autoIssue} className="mt-1" />
            <span>{t("rule.autoIssue")}</span>
          </label>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("rule.save")}
          </button>
        </form>
      </section>
    </div>
  );
}
