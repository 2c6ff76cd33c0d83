import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { countCohortEnrolments, listCohortEnrolments, listMoveTargets } from "@/lib/db/enrolments-admin";
import { availableActions } from "@/lib/domain/enrolment";
import { countryName } from "@/lib/i18n/format";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { changeEnrolmentAction } from "./actions";
import { PersonName } from "@/components/ui/person-name";
import { ConfirmLink, ConfirmPanel } from "@/components/admin/row-confirm";
import { parseConfirm } from "@/lib/domain/paging";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("AdminEnrolments");

const STATUSES = ["PENDING", "ACTIVE", "WITHDRAWN", "REJECTED"] as const;
const ZQuery = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  done: z.enum(["approve", "reject", "withdraw", "reinstate", "move"]).optional().catch(undefined),
  confirm: z.string().optional().catch(undefined),
  error: z
    .enum([
      "not-allowed",
      "full",
      "same-cohort",
      "already-in-target",
      "target-archived",
      "not-found",
      "choose-cohort",
      "confirm",
    ])
    .optional()
    .catch(undefined),
});

const button = "font-medium text-brand-700 underline";
// The actions that ask first, in the row they are for (components/admin/row-confirm.tsx).
const CONFIRMED = ["reject", "withdraw", "move"] as const;

export default async function CohortParticipantsPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/participants">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const viewer = await requireCohortManager(id, `/admin/cohorts/${id}/participants`);
  const query = ZQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const [list, counts, targets] = await Promise.all([
    listCohortEnrolments(db, cohort.id, { status: query.status, query: query.q, page: query.page }),
    countCohortEnrolments(db, cohort.id),
    listMoveTargets(db, cohort.id, viewer.role === "ADMIN" ? undefined : viewer.id),
  ]);
  const t = await getTranslations("AdminEnrolments");
  const te = await getTranslations("Enrol");
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const view = {
    ...(query.status && { status: query.status }),
    ...(query.q && { q: query.q }),
    ...(query.page > 1 && { page: query.page }),
  };
  const pathname = `/admin/cohorts/${cohort.id}/participants`;
  const asking = parseConfirm(query.confirm, CONFIRMED);
  const hidden = (
    <>
      <input type="hidden" name="cohortId" value={cohort.id} />
      {query.status && <input type="hidden" name="status" value={query.status} />}
      {query.q && <input type="hidden" name="q" value={query.q} />}
      {query.page > 1 && <input type="hidden" name="page" value={query.page} />}
    </>
  );
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="participants" />
      <section aria-labelledby="people-title" className="mt-8">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="people-title" className="text-xl font-semibold text-stone-900">
              {t("title")}
            </h2>
            <p className="mt-1 text-stone-700">
              {t("summary", {
                active: counts.ACTIVE,
                pending: counts.PENDING,
                limited: cohort.capacity === null ? "no" : "yes",
                capacity: cohort.capacity ?? 0,
              })}
            </p>
          </div>
          <a
            href={`/api/admin/cohorts/${cohort.id}/participants.csv`}
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
            download
          >
            {t("export")}
          </a>
        </div>
        {query.done && (
          <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t(`done.${query.done}`)}
          </p>
        )}
        {query.error && (
          <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
            {t(`errors.${query.error}`)}
          </p>
        )}
        <form method="get" className="mt-6 flex flex-wrap items-end gap-4" role="search" aria-label={t("filter")}>
          <div>
            <label htmlFor="status" className="block text-sm font-medium text-stone-900">
              {t("status")}
            </label>
            <select id="status" name="status" defaultValue={query.status ?? ""} className={`mt-1 ${CONTROL}`}>
              <option value="">
                {t("anyStatus", { count: counts.ACTIVE + counts.PENDING + counts.WITHDRAWN + counts.REJECTED })}
              </option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t("statusCount", { status: s, count: counts[s] })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="q" className="block text-sm font-medium text-stone-900">
              {t("search")}
            </label>
            <input id="q" name="q" type="search" defaultValue={query.q ?? ""} className={`mt-1 ${CONTROL}`} />
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          {(query.status || query.q) && (
            <Link href={`/admin/cohorts/${cohort.id}/participants`} className={button}>
              {t("clear")}
            </Link>
          )}
        </form>
        {list.rows.length === 0 ? (
          <p className="mt-6 text-stone-700">{t("empty")}</p>
        ) : (
          <DataTable
            className="mt-6"
            stacked
            headers={[t("name"), t("email"), t("country"), t("organisation"), t("status"), t("actions")]}
          >
            {list.rows.map((e) => {
              const who = e.user.certificateName ?? e.user.name ?? e.user.email;
              return (
                <tr key={e.id}>
                  <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                    {/* The e-mail has its own column: a person without a name is not shown by it twice. */}
                    {(e.user.certificateName ?? e.user.name) && (
                      <span dir="auto">{e.user.certificateName ?? e.user.name}</span>
                    )}
                    {!e.user.certificateName && (
                      <span className="block text-sm font-normal text-stone-700 italic">{t("noCertificateName")}</span>
                    )}
                    {e.user.nativeName && (
                      <span className="block text-sm font-normal text-stone-700">
                        <PersonName name={e.user.nativeName} country={e.user.country} />
                      </span>
                    )}
                  </th>
                  <td className="px-4 py-3 break-all" data-label={t("email")}>
                    {e.user.email}
                  </td>
                  <td className="px-4 py-3" data-label={t("country")}>
                    {e.user.country ? countryName(e.user.country, locale) : "—"}
                  </td>
                  <td className="px-4 py-3" data-label={t("organisation")}>
                    <span dir="auto" className="block">
                      {e.user.organisation ?? "—"}
                    </span>
                    {e.user.position && (
                      <span dir="auto" className="block text-stone-600">
                        {e.user.position}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3" data-label={t("status")}>
                    {te("status", { status: e.status })}
                    <span className="block text-xs text-stone-600">{t("source", { source: e.source })}</span>
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
                      {availableActions(e.status)
                        .filter((a) => a === "approve" || a === "reinstate")
                        .map((a) => (
                          <form key={a} action={changeEnrolmentAction}>
                            {hidden}
                            <input type="hidden" name="enrolmentId" value={e.id} />
                            <button
                              type="submit"
                              name="action"
                              value={a}
                              className={button}
                              aria-label={`${t(`actions_.${a}`)}: ${who}`}
                            >
                              {t(`actions_.${a}`)}
                            </button>
                          </form>
                        ))}
                      {availableActions(e.status)
                        .filter((a) => a === "reject" || a === "withdraw")
                        .map((a) => (
                          <ConfirmLink key={a} pathname={pathname} query={view} confirm={`${a}:${e.id}`} subject={who}>
                            {t(`actions_.${a}`)}…
                          </ConfirmLink>
                        ))}
                      {availableActions(e.status).includes("move") && targets.length > 0 && (
                        <ConfirmLink
                          pathname={pathname}
                          query={view}
                          confirm={`move:${e.id}`}
                          subject={who}
                          tone="normal"
                        >
                          {t("actions_.move")}…
                        </ConfirmLink>
                      )}
                    </div>
                    {asking?.id === e.id && availableActions(e.status).includes(asking.kind) && (
                      <ConfirmPanel pathname={pathname} query={view} cancel={t("keep")}>
                        <form action={changeEnrolmentAction} className="space-y-2">
                          {hidden}
                          <input type="hidden" name="enrolmentId" value={e.id} />
                          {asking.kind === "move" ? (
                            <>
                              <label htmlFor="move-target" className="block text-stone-800">
                                {t("moveTo", { name: who })}
                              </label>
                              <select
                                id="move-target"
                                name="targetCohortId"
                                required
                                defaultValue=""
                                className="block max-w-full rounded border border-stone-400 bg-white px-2 py-1 text-stone-900"
                              >
                                <option value="">{t("moveChoose")}</option>
                                {targets.map((c) => (
                                  <option key={c.id} value={c.id}>
                                    {c.name}
                                  </option>
                                ))}
                              </select>
                              <button
                                type="submit"
                                name="action"
                                value="move"
                                className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-800"
                                aria-label={`${t("actions_.move")}: ${who}`}
                              >
                                {t("actions_.move")}
                              </button>
                            </>
                          ) : (
                            <>
                              <input type="hidden" name="action" value={asking.kind} />
                              <p className="text-stone-800">{t(`confirmAsk.${asking.kind}`, { name: who })}</p>
                              <button
                                type="submit"
                                name="confirm"
                                value="yes"
                                className="rounded bg-red-700 px-3 py-1 font-medium text-white hover:bg-red-800"
                              >
                                {t(`confirmDo.${asking.kind}`)}
                              </button>
                            </>
                          )}
                        </form>
                      </ConfirmPanel>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        <Pager
          pathname={pathname}
          query={view}
          page={query.page}
          pages={pages}
          labels={{
            nav: t("pagination"),
            previous: t("previous"),
            next: t("next"),
            pageOf: t("pageOf", { page: query.page, pages }),
          }}
        />
      </section>
    </div>
  );
}
