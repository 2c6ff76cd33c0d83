import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { ZoomFitNotice } from "@/components/admin/zoom-fit-notice";
import { ZoomRemembered } from "@/components/admin/zoom-remembered";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { previewZoomImport } from "@/lib/db/zoom-import";
import { participantLabels } from "@/lib/domain/zoom-names";
import { timeZoneChoices } from "@/lib/domain/time-zones";
import { firstValues, pageWindow, ZPage, ZSearch } from "@/lib/domain/paging";
import type { Proposal } from "@/lib/domain/zoom-import";
import { countryName } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { choicesFrom } from "@/lib/schemas/zoom-choices";
import { applyZoomReport, forgetZoomNameAction } from "../actions";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("AdminAttendance", "zoomTitle");

/** Up to this many participants, a "who is it" list offers them all; beyond, it asks for an e-mail. */
const LIST_EVERYONE_UP_TO = 100;
const LISTS = ["decide", "matched", "unmatched", "all"] as const;
type List = (typeof LISTS)[number];
const inList: Record<List, (p: Proposal) => boolean> = {
  decide: (p) => p.change !== "unchanged",
  matched: (p) => p.how !== "not-in-report",
  unmatched: (p) => p.how === "not-in-report",
  all: () => true,
};

export default async function ZoomPreviewPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/sessions/[sessionId]/zoom/[importId]">) {
  const { locale, id, sessionId, importId } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/sessions/${sessionId}/zoom/${importId}`);
  const query = await searchParams;
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  const choices = choicesFrom(Object.entries(query));
  const preview = cohort ? await previewZoomImport(db, cohort.id, sessionId, importId, choices) : null;
  if (!cohort || !preview || !preview.plan || !preview.report.ok) notFound();
  const t = await getTranslations("AdminAttendance");
  const format = await getFormatter();
  const { plan, people, staged, report, fit, timeZone } = preview;
  const who = participantLabels(
    people.map((u) => ({ id: u.id, name: u.certificateName ?? u.name ?? u.email, email: u.email, country: u.country })),
    (code) => countryName(code, locale),
  );
  const rememberedKeys = new Set(plan.remembered.map((r) => r.person.key));
  const error = typeof query.error === "string" ? query.error : undefined;
  // The plan covers the whole report (its counts need it); the page shows one page of each list.
  const flat = firstValues(query);
  const list: List = LISTS.find((l) => l === flat.list) ?? "decide";
  const q = ZSearch.parse(flat.q).toLowerCase();
  const person = new Map(people.map((u) => [u.id, u]));
  const found = (p: Proposal) => {
    if (!q) return true;
    const u = person.get(p.userId);
    return [who.get(p.userId), u?.email, ...p.people.flatMap((x) => x.names)].some((s) => s?.toLowerCase().includes(q));
  };
  const listed = plan.proposals.filter((p) => inList[list](p) && found(p));
  const changesWindow = pageWindow(ZPage.parse(flat.goto ?? flat.page), listed.length);
  const changes = listed.slice(changesWindow.skip, changesWindow.skip + changesWindow.take);
  const reviewWindow = pageWindow(ZPage.parse(flat.rgoto ?? flat.rpage), plan.review.length);
  const review = plan.review.slice(reviewWindow.skip, reviewWindow.skip + reviewWindow.take);
  const listEveryone = people.length <= LIST_EVERYONE_UP_TO;
  const rememberedChoices = listEveryone
    ? people.map((u) => u.id)
    : [...new Set(plan.remembered.flatMap((r) => [r.remembered, r.userId]).filter((id) => id !== "ignore"))];
  const shownReview = new Set(review.map((r) => r.person.key));
  const shownOverrides = new Set(changes.filter((p) => p.change !== "unchanged").map((p) => p.userId));
  const pagerLabels = (page: number, pages: number) => ({
    nav: t("paging.nav"),
    previous: t("paging.previous"),
    next: t("paging.next"),
    pageOf: t("paging.pageOf", { page, pages }),
  });
  const min = (n: number) => format.number(n, { maximumFractionDigits: 1 });
  const misfit = fit && fit.kind !== "fits" ? fit : null;
  // Reading the report in the suggested zone keeps the choices made so far.
  const keep = Object.fromEntries(
    Object.entries(query).filter(
      (e): e is [string, string | string[]] => e[0] !== "error" && e[0] !== "zone" && e[1] !== undefined,
    ),
  );
  const rereadHref =
    misfit?.kind === "shifted"
      ? {
          pathname: `/admin/cohorts/${cohort.id}/sessions/${sessionId}/zoom/${importId}`,
          query: { ...keep, zone: misfit.zones[0]! },
        }
      : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="attendance" />
      <section aria-labelledby="zoom-title" className="mt-8">
        <h2 id="zoom-title" className="text-xl font-semibold text-stone-900">
          {t("zoomTitle")}
        </h2>
        <p className="mt-1 text-stone-700">
          {t("zoomIntro", { file: staged.fileName, zone: timeZone, rows: report.rows.length })}
          {report.meeting?.topic && <> {t("zoomMeeting", { topic: report.meeting.topic })}</>}
        </p>
        {staged.committedAt && (
          <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("zoomDone")}
          </p>
        )}
        {query.forgotten === "1" && (
          <p role="status" className="mt-4 rounded-lg border border-stone-200 bg-stone-50 p-3 text-stone-900">
            {t("forgotten")}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
            {t(`zoomErrors.${error === "needs-review" || error === "misfit" ? error : "other"}`)}
          </p>
        )}
        {misfit && !staged.committedAt && (
          <ZoomFitNotice fit={misfit} session={staged.session} timeZone={timeZone} rereadHref={rereadHref} />
        )}
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {(["set", "unchanged", "protected", "review", "ignored"] as const).map((k) => (
            <div key={k} className="rounded-lg border border-stone-200 bg-white p-3">
              <dt className="text-sm text-stone-700">{t(`zoomCounts.${k}`)}</dt>
              <dd className="text-xl font-bold text-stone-900">{plan.counts[k]}</dd>
            </div>
          ))}
        </dl>
        <form method="get" className="mt-6 space-y-8">
          {/* The button Enter in a text field presses: a new look at the list, never a forget or an import. */}
          <button type="submit" name="goto" value="1" hidden tabIndex={-1} />
          <input type="hidden" name="cohortId" value={cohort.id} />
          <input type="hidden" name="sessionId" value={sessionId} />
          <input type="hidden" name="importId" value={importId} />
          {!staged.committedAt && (
            <div>
              <label htmlFor="zoom-zone" className="block font-medium text-stone-900">
                {t("zoomFit.zone")}
              </label>
              <p id="zoom-zone-hint" className="text-sm text-stone-600">
                {t("zoomFit.zoneHint")}
              </p>
              {/* Keyed by the zone: a re-read is a client-side navigation, and a kept select would keep the old zone. */}
              <select
                key={timeZone}
                id="zoom-zone"
                name="zone"
                defaultValue={timeZone}
                aria-describedby="zoom-zone-hint"
                className={`mt-1 block w-full max-w-sm ${CONTROL}`}
              >
                {timeZoneChoices().map((tz) => (
                  <option key={tz} value={tz}>
                    {tz.replaceAll("_", " ")}
                  </option>
                ))}
              </select>
            </div>
          )}
          {/* Choices already made travel with the form: the preview and the import use the same ones. */}
          {Object.entries(choices.assignments)
            .filter(([key]) => !shownReview.has(key) && !rememberedKeys.has(key))
            .map(([key, value]) => (
              <input key={key} type="hidden" name={`a:${key}`} value={value} />
            ))}
          {[...choices.overrides]
            .filter((id) => !shownOverrides.has(id))
            .map((id) => (
              <input key={`o-${id}`} type="hidden" name="o" value={id} />
            ))}
          <input type="hidden" name="page" value={changesWindow.page} />
          <input type="hidden" name="rpage" value={reviewWindow.page} />
          {plan.ignored.length > 0 && (
            <p className="text-stone-700">{t("ignoredList", { names: plan.ignored.map((p) => p.name).join(", ") })}</p>
          )}
          <ZoomRemembered
            rows={plan.remembered}
            participants={rememberedChoices}
            labels={who}
            forgetAction={forgetZoomNameAction}
          />
          {plan.review.length > 0 && (
            <section aria-labelledby="review-title">
              <h3 id="review-title" className="text-lg font-semibold text-stone-900">
                {t("reviewTitle")}
              </h3>
              <p className="mt-1 text-stone-700">{t("reviewIntro")}</p>
              <DataTable className="mt-3" headers={[t("inReport"), t("minutesHeader"), t("whoIsIt")]}>
                {review.map((r) => (
                  <tr key={r.person.key}>
                    <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                      <span dir="auto">{r.person.names.join(" / ")}</span>
                      {r.person.email && (
                        <span className="block text-sm font-normal text-stone-600">{r.person.email}</span>
                      )}
                      {r.person.guest === false && (
                        <span className="block text-xs font-normal text-stone-600">{t("notGuest")}</span>
                      )}
                    </th>
                    <td className="px-4 py-3">{min(r.minutes)}</td>
                    <td className="px-4 py-3">
                      <label htmlFor={`a-${r.person.key}`} className="sr-only">
                        {t("whoIsFor", { name: r.person.name })}
                      </label>
                      {r.candidates.length === 0 && !listEveryone ? (
                        <input
                          id={`a-${r.person.key}`}
                          name={`a:${r.person.key}`}
                          type="text"
                          inputMode="email"
                          autoComplete="off"
                          defaultValue={choices.assignments[r.person.key] ?? ""}
                          placeholder={t("whoByEmail")}
                          aria-describedby="who-by-email-hint"
                          className="w-64 max-w-full rounded-lg border border-stone-400 bg-white px-2 py-1 text-stone-900"
                        />
                      ) : (
                        <select
                          id={`a-${r.person.key}`}
                          name={`a:${r.person.key}`}
                          defaultValue={choices.assignments[r.person.key] ?? ""}
                          className="rounded-lg border border-stone-400 bg-white px-2 py-1 text-stone-900"
                        >
                          <option value="">
                            {r.candidates.length ? t("chooseAmbiguous", { count: r.candidates.length }) : t("choose")}
                          </option>
                          <option value="ignore">{t("ignore")}</option>
                          {(r.candidates.length ? r.candidates : people.map((u) => u.id)).map((uid) => (
                            <option key={uid} value={uid}>
                              {who.get(uid)}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
              {!listEveryone && (
                <p id="who-by-email-hint" className="mt-2 text-sm text-stone-600">
                  {t("whoByEmailHint")}
                </p>
              )}
              <Pager
                pathname=""
                query={{}}
                page={reviewWindow.page}
                pages={reviewWindow.pages}
                labels={{ ...pagerLabels(reviewWindow.page, reviewWindow.pages), nav: t("zoomPaging.reviewNav") }}
                pageLabel={(page) => t("paging.page", { page })}
                summary={t("paging.showing", {
                  from: reviewWindow.from,
                  to: reviewWindow.to,
                  total: reviewWindow.total,
                })}
                submit="rgoto"
              />
            </section>
          )}
          <section aria-labelledby="changes-title">
            <h3 id="changes-title" className="text-lg font-semibold text-stone-900">
              {t("changesTitle")}
            </h3>
            <div className="mt-3 flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="zoom-list" className="block font-medium text-stone-900">
                  {t("zoomPaging.list")}
                </label>
                <select id="zoom-list" name="list" defaultValue={list} className={`mt-1 block ${CONTROL}`}>
                  {LISTS.map((l) => (
                    <option key={l} value={l}>
                      {t(`zoomPaging.lists.${l}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="zoom-search" className="block font-medium text-stone-900">
                  {t("search.label")}
                </label>
                <input
                  id="zoom-search"
                  name="q"
                  type="search"
                  defaultValue={ZSearch.parse(flat.q)}
                  maxLength={100}
                  className={`mt-1 block w-72 max-w-full ${CONTROL}`}
                />
              </div>
              <button
                type="submit"
                name="goto"
                value="1"
                className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
              >
                {t("zoomPaging.show")}
              </button>
            </div>
            {changes.length === 0 ? (
              <p className="mt-1 text-stone-700">{t("noChanges")}</p>
            ) : (
              <DataTable
                className="mt-3"
                headers={[t("participant"), t("found"), t("minutesHeader"), t("proposed"), t("what")]}
              >
                {changes.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                      {who.get(p.userId)}
                    </th>
                    <td className="px-4 py-3">{t(`how.${p.how}`)}</td>
                    <td className="px-4 py-3">{min(p.minutes)}</td>
                    <td className="px-4 py-3">{t(`statuses.${p.status}`)}</td>
                    <td className="px-4 py-3">
                      {p.change === "unchanged" ? (
                        t("zoomCounts.unchanged")
                      ) : p.change === "set" ? (
                        choices.overrides.has(p.userId) ? (
                          <label className="flex items-center gap-2">
                            <input type="checkbox" name="o" value={p.userId} defaultChecked />
                            {t("overrideLabel")}
                          </label>
                        ) : (
                          t("willSet")
                        )
                      ) : (
                        <label className="flex items-center gap-2 text-amber-900">
                          <input type="checkbox" name="o" value={p.userId} />
                          {t("protectedLabel")}
                        </label>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            <Pager
              pathname=""
              query={{}}
              page={changesWindow.page}
              pages={changesWindow.pages}
              labels={{ ...pagerLabels(changesWindow.page, changesWindow.pages), nav: t("zoomPaging.changesNav") }}
              pageLabel={(page) => t("paging.page", { page })}
              summary={t("paging.showing", {
                from: changesWindow.from,
                to: changesWindow.to,
                total: changesWindow.total,
              })}
              submit="goto"
            />
          </section>
          {misfit && !staged.committedAt && (
            <label className="flex items-start gap-2 font-medium text-stone-900">
              <input
                key={timeZone}
                type="checkbox"
                name="misfit"
                value="1"
                defaultChecked={choices.acceptMisfit}
                className="mt-1 size-4"
              />
              {t("zoomFit.accept")}
            </label>
          )}
          {!staged.committedAt && (
            <div className="flex flex-wrap gap-3">
              <button
                type="submit"
                className="rounded-lg border border-stone-400 bg-white px-5 py-2.5 font-medium text-stone-900 hover:border-brand-600"
              >
                {t("updatePreview")}
              </button>
              <button
                type="submit"
                formAction={applyZoomReport}
                formMethod="post"
                className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
              >
                {t("apply", { count: plan.counts.set })}
              </button>
            </div>
          )}
        </form>
        <p className="mt-8">
          <Link
            href={`/admin/cohorts/${cohort.id}/sessions/${sessionId}/attendance`}
            className="font-medium text-brand-700 underline"
          >
            {t("backToSession")}
          </Link>
        </p>
      </section>
    </div>
  );
}
