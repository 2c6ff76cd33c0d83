import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { requireCohortManager } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { REGISTER_STATUSES as STATUSES, sessionRegister } from "@/lib/db/attendance-register";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { getOpenCheckIn } from "@/lib/db/check-in";
import { listSessionExcuses } from "@/lib/db/excuses";
import { timeZoneChoices } from "@/lib/domain/time-zones";
import { firstValues, ZPage, ZSearch } from "@/lib/domain/paging";
import { Pager } from "@/components/ui/pager";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { uploadZoomReport } from "../zoom/actions";
import { checkInAction, decideExcuseAction, saveAttendance } from "./actions";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("AdminAttendance");

const ZQuery = z.object({
  show: z
    .enum(["all", "unmarked", ...STATUSES])
    .catch("all")
    .default("all"),
  q: ZSearch,
  page: ZPage,
  saved: z.coerce.number().int().min(0).optional().catch(undefined),
  error: z.enum(["invalid", "not-found", "not-enrolled"]).optional().catch(undefined),
  zoom: z.enum(["no-file", "too-large", "bad-zone", "empty", "not-a-zoom-report"]).optional().catch(undefined),
  excuse: z.enum(["approved", "rejected", "not-found", "already-decided"]).optional().catch(undefined),
});

export default async function SessionAttendancePage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/sessions/[sessionId]/attendance">) {
  const { locale, id, sessionId } = await params;
  setRequestLocale(locale);
  const admin = await requireCohortManager(id, `/admin/cohorts/${id}/sessions/${sessionId}/attendance`);
  const query = ZQuery.parse(firstValues(await searchParams));
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  const grid = cohort ? await sessionRegister(db, cohort.id, sessionId, query) : null;
  if (!cohort || !grid) notFound();
  const [excuses, checkIn] = await Promise.all([
    listSessionExcuses(db, cohort.id, sessionId),
    getOpenCheckIn(db, cohort.id, sessionId),
  ]);
  const t = await getTranslations("AdminAttendance");
  const format = await getFormatter();
  const lecture = getLecture(grid.session.lectureSlug)?.lecture;
  const when = format.dateTime(grid.session.startsAt, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: cohort.timeZone,
  });
  const { rows, counts, window } = grid;
  const base = `/admin/cohorts/${cohort.id}/sessions/${sessionId}/attendance`;
  // The view (filter, search) that the pager's links keep.
  const view = {
    ...(query.show !== "all" && { show: query.show }),
    ...(query.q && { q: query.q }),
  };
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="attendance" />
      <section aria-labelledby="grid-title" className="mt-8">
        <h2 id="grid-title" className="text-xl font-semibold text-stone-900">
          {t("sessionTitle", {
            lecture: lecture ? t("lecture", { number: lecture.number }) : grid.session.lectureSlug,
            when,
          })}
        </h2>
        <p className="mt-1 text-stone-700">{t("sessionIntro")}</p>
        {query.saved !== undefined && (
          <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("saved", { count: query.saved })}
          </p>
        )}
        {query.error && (
          <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
            {t(`errors.${query.error}`)}
          </p>
        )}
        <nav aria-label={t("filter")} className="mt-4">
          <ul className="flex flex-wrap gap-2">
            {(["all", "unmarked", ...STATUSES] as const).map((s) => (
              <li key={s}>
                <Link
                  href={{ pathname: base, query: { ...(s !== "all" && { show: s }), ...(query.q && { q: query.q }) } }}
                  aria-current={query.show === s ? "page" : undefined}
                  className="inline-block rounded-full border border-stone-300 px-3 py-1 text-sm font-medium text-stone-800 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
                >
                  {t(`show.${s}`, { count: counts[s] })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <form method="get" role="search" className="mt-4 flex flex-wrap items-end gap-2">
          {query.show !== "all" && <input type="hidden" name="show" value={query.show} />}
          <div>
            <label htmlFor="register-search" className="block font-medium text-stone-900">
              {t("search.label")}
            </label>
            <input
              id="register-search"
              name="q"
              type="search"
              defaultValue={query.q}
              maxLength={100}
              className={`mt-1 block w-72 max-w-full ${CONTROL}`}
            />
          </div>
          <button
            type="submit"
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
          >
            {t("search.submit")}
          </button>
          {query.q && (
            <Link
              href={{ pathname: base, query: query.show !== "all" ? { show: query.show } : {} }}
              className="py-2 font-medium text-brand-700 underline"
            >
              {t("search.clear")}
            </Link>
          )}
        </form>
        {rows.length === 0 ? (
          <p className="mt-6 text-stone-700">{counts.all === 0 ? t("nobody") : t("noneShown")}</p>
        ) : (
          // Keyed by the records, so that the radios show the stored marks again after any change (they are uncontrolled).
          <form
            key={rows.map((r) => `${r.record?.status ?? "-"}${r.record?.updatedAt.getTime() ?? 0}`).join(",")}
            action={saveAttendance}
            className="mt-6"
          >
            <input type="hidden" name="cohortId" value={cohort.id} />
            <input type="hidden" name="sessionId" value={sessionId} />
            {query.show !== "all" && <input type="hidden" name="show" value={query.show} />}
            {query.q && <input type="hidden" name="q" value={query.q} />}
            {window.page > 1 && <input type="hidden" name="page" value={window.page} />}
            <p className="mb-2 text-stone-700">
              {t("paging.showing", { from: window.from, to: window.to, total: window.total })}
            </p>
            <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
              {rows.map(({ user, record }) => {
                const who = user.certificateName ?? user.name ?? user.email;
                return (
                  <li
                    key={user.id}
                    className="grid gap-3 p-4 md:grid-cols-[minmax(12rem,1fr)_auto_minmax(10rem,16rem)] md:items-center"
                  >
                    <div>
                      <input type="hidden" name="row" value={user.id} />
                      <p className="font-medium wrap-anywhere text-stone-900">{who}</p>
                      <p className="text-sm wrap-anywhere text-stone-600">{user.email}</p>
                      {record && (
                        <p className="text-xs wrap-anywhere text-stone-600">
                          {t("lastChange", {
                            source: record.source,
                            by: record.updatedBy?.email ?? "—",
                            when: format.dateTime(record.updatedAt, {
                              dateStyle: "medium",
                              timeStyle: "short",
                              timeZone: admin.timeZone,
                            }),
                          })}
                          {record.minutes !== null && <> · {t("minutes", { minutes: record.minutes })}</>}
                        </p>
                      )}
                    </div>
                    <fieldset>
                      <legend className="sr-only">{t("statusOf", { name: who })}</legend>
                      <div className="flex flex-wrap gap-1">
                        {STATUSES.map((s) => (
                          <label key={s} className="choice-chip">
                            <input
                              type="radio"
                              name={`status-${user.id}`}
                              value={s}
                              defaultChecked={record?.status === s}
                            />
                            {t(`statuses.${s}`)}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                    <div>
                      <label htmlFor={`note-${user.id}`} className="sr-only">
                        {t("noteFor", { name: who })}
                      </label>
                      <input
                        id={`note-${user.id}`}
                        name={`note-${user.id}`}
                        defaultValue={record?.note ?? ""}
                        maxLength={500}
                        placeholder={t("notePlaceholder")}
                        className="block w-full rounded-lg border border-stone-400 bg-white px-3 py-1.5 text-sm text-stone-900"
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
            <div className="mt-4 flex flex-wrap gap-3">
              <button
                type="submit"
                className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
              >
                {t("save")}
              </button>
              <button
                type="submit"
                name="intent"
                value="rest-present"
                className="rounded-lg border border-stone-400 bg-white px-5 py-2.5 font-medium text-stone-900 hover:border-brand-600"
              >
                {t("restPresent")}
              </button>
            </div>
          </form>
        )}
        <Pager
          pathname={base}
          query={view}
          page={window.page}
          pages={window.pages}
          labels={{
            nav: t("paging.nav"),
            previous: t("paging.previous"),
            next: t("paging.next"),
            pageOf: t("paging.pageOf", { page: window.page, pages: window.pages }),
          }}
          pageLabel={(page) => t("paging.page", { page })}
        />
        <section aria-labelledby="check-in-title" className="mt-10">
          <h3 id="check-in-title" className="text-lg font-semibold text-stone-900">
            {t("checkInTitle")}
          </h3>
          <p className="mt-1 text-stone-700">
            {checkIn
              ? t("checkInOpen", {
                  until: format.dateTime(checkIn.closesAt, { timeStyle: "short", timeZone: admin.timeZone }),
                })
              : t("checkInIntro")}
          </p>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            {checkIn && (
              <Link
                href={`/admin/cohorts/${cohort.id}/sessions/${sessionId}/check-in`}
                className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
              >
                {t("checkInShow")}
              </Link>
            )}
            <form action={checkInAction}>
              <input type="hidden" name="cohortId" value={cohort.id} />
              <input type="hidden" name="sessionId" value={sessionId} />
              <input type="hidden" name="open" value={checkIn ? "false" : "true"} />
              <button
                type="submit"
                className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
              >
                {checkIn ? t("checkInClose") : t("checkInOpenButton")}
              </button>
            </form>
          </div>
        </section>
        <section aria-labelledby="excuses-title" className="mt-10">
          <h3 id="excuses-title" className="text-lg font-semibold text-stone-900">
            {t("excusesTitle")}
          </h3>
          {query.excuse && (
            <p
              role={query.excuse === "approved" || query.excuse === "rejected" ? "status" : "alert"}
              className="mt-3 rounded-lg border border-stone-200 bg-white p-3 text-stone-900"
            >
              {t(`excuseResult.${query.excuse}`)}
            </p>
          )}
          {excuses.length === 0 ? (
            <p className="mt-2 text-stone-700">{t("noExcuses")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
              {excuses.map((e) => {
                const who = e.user.certificateName ?? e.user.name ?? e.user.email;
                return (
                  <li key={e.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
                    <div className="min-w-0 wrap-anywhere">
                      <p className="font-medium text-stone-900">{who}</p>
                      <p className="mt-1 text-stone-800" dir="auto">
                        {e.reason}
                      </p>
                      <p className="mt-1 text-sm text-stone-600">
                        {t(`excuseStatus.${e.status}`, { by: e.decidedBy?.email ?? "—" })}
                      </p>
                    </div>
                    {e.status === "PENDING" && (
                      <form action={decideExcuseAction} className="flex gap-2">
                        <input type="hidden" name="cohortId" value={cohort.id} />
                        <input type="hidden" name="sessionId" value={sessionId} />
                        <input type="hidden" name="requestId" value={e.id} />
                        <button
                          type="submit"
                          name="decision"
                          value="approve"
                          className="rounded-lg bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
                          aria-label={t("approveFor", { name: who })}
                        >
                          {t("approve")}
                        </button>
                        <button
                          type="submit"
                          name="decision"
                          value="reject"
                          className="rounded-lg border border-stone-400 bg-white px-3 py-1.5 text-sm font-medium text-red-800"
                          aria-label={t("rejectFor", { name: who })}
                        >
                          {t("reject")}
                        </button>
                      </form>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section
          aria-labelledby="zoom-upload-title"
          className="mt-10 max-w-2xl rounded-xl border border-stone-200 bg-white p-6"
        >
          <h3 id="zoom-upload-title" className="text-lg font-semibold text-stone-900">
            {t("zoomUploadTitle")}
          </h3>
          <p className="mt-1 text-stone-700">{t("zoomUploadIntro")}</p>
          {query.zoom && (
            <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
              {t(`zoomUploadErrors.${query.zoom}`)}
            </p>
          )}
          <form action={uploadZoomReport} className="mt-4 space-y-4">
            <input type="hidden" name="cohortId" value={cohort.id} />
            <input type="hidden" name="sessionId" value={sessionId} />
            <div>
              <label htmlFor="zoom-file" className="block font-medium text-stone-900">
                {t("zoomFile")}
              </label>
              <input
                id="zoom-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                className="mt-1 block w-full text-stone-900 file:me-4 file:rounded-lg file:border file:border-stone-400 file:bg-white file:px-4 file:py-2 file:font-medium"
              />
            </div>
            <div>
              <label htmlFor="zoom-zone" className="block font-medium text-stone-900">
                {t("zoomZone")}
              </label>
              <p id="zoom-zone-hint" className="text-sm text-stone-600">
                {t("zoomZoneHint")}
              </p>
              <select
                id="zoom-zone"
                name="timeZone"
                defaultValue={cohort.timeZone}
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
            <button
              type="submit"
              className="rounded-lg border border-stone-400 bg-white px-5 py-2.5 font-medium text-stone-900 hover:border-brand-600"
            >
              {t("zoomCheck")}
            </button>
          </form>
        </section>
        <p className="mt-8">
          <Link href={`/admin/cohorts/${cohort.id}/attendance`} className="font-medium text-brand-700 underline">
            {t("toMatrix")}
          </Link>
        </p>
      </section>
    </div>
  );
}
