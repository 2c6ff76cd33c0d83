import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { QuizRulesForm } from "@/components/admin/quiz-rules-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { requireCohortManager } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { currentQuiz } from "@/lib/db/quiz-corrections";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { firstValues, pageWindow, ZPage, ZSearch } from "@/lib/domain/paging";
import { filterReportPeople, REPORT_RESULTS } from "@/lib/domain/quiz-report";
import { previewRegrade } from "@/lib/db/quiz-regrade";
import { loadQuizReport } from "@/lib/db/quiz-report";
import { listOverrideCandidates, listQuizOverrides } from "@/lib/db/quiz-overrides";
import { getQuizRules } from "@/lib/db/quiz-rules";
import { countryName } from "@/lib/i18n/format";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { quizRulesFormValues } from "@/lib/schemas/quiz-rules";
import { regradeAction } from "./actions";
import { CANDIDATES_LISTED, QuizOverrides } from "./quiz-overrides";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("AdminQuizzes");

/** Attempts a regrade would change listed by name; the rest are counted (the regrade applies to all). */
const REGRADE_ROWS = 50;

export default async function CohortQuizzesPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/quizzes">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireCohortManager(id, `/admin/cohorts/${id}/quizzes`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const lectures = listLectures();
  const query = await searchParams;
  const slug = z
    .enum(lectures.map((l) => l.slug) as [string, ...string[]])
    .catch(lectures[0]!.slug)
    .parse(query.lecture);
  const regraded = z.coerce.number().int().min(0).optional().catch(undefined).parse(query.regraded);
  const corrected = z
    .object({ corrected: z.string().min(1).max(80), version: z.coerce.number().int().min(1) })
    .optional()
    .catch(undefined)
    .parse(query.corrected ? { corrected: query.corrected, version: query.version } : undefined);
  const lecture = lectures.find((l) => l.slug === slug)!;
  const current = (await currentQuiz(db, slug))!.questions;
  const overrideNotice = z.enum(["removed", "gone"]).optional().catch(undefined).parse(query.override);
  const wanted = firstValues(query);
  const view = {
    q: ZSearch.parse(wanted.q),
    result: z
      .enum(REPORT_RESULTS)
      .catch("all")
      .parse(wanted.result ?? "all"),
    page: ZPage.parse(wanted.page),
  };
  const [rules, report, regrade, overrides, candidates] = await Promise.all([
    getQuizRules(db, cohort.id),
    loadQuizReport(db, cohort.id, slug, current),
    previewRegrade(db, cohort.id, slug, current),
    listQuizOverrides(db, cohort.id, slug),
    listOverrideCandidates(db, cohort.id, CANDIDATES_LISTED + 1),
  ]);
  const t = await getTranslations("AdminQuizzes");
  const format = await getFormatter();
  const pct = (n: number | null) => (n === null ? "—" : `${format.number(n, { maximumFractionDigits: 1 })}%`);
  const s = report.summary;
  const listed = filterReportPeople(report.people, view);
  const win = pageWindow(view.page, listed.length);
  const base = `/admin/cohorts/${cohort.id}/quizzes`;
  const canCorrect = admin.role === "ADMIN";
  const listQuery = {
    lecture: slug,
    ...(view.q ? { q: view.q } : {}),
    ...(view.result !== "all" ? { result: view.result } : {}),
  };
  const regradeShown = regrade.slice(0, REGRADE_ROWS);
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="quizzes" />
      <section aria-labelledby="results-title" className="mt-8">
        <h2 id="results-title" className="text-xl font-semibold text-stone-900">
          {t("resultsTitle")}
        </h2>
        <nav aria-label={t("lecturesLabel")} className="mt-3">
          <ul className="flex flex-wrap gap-2">
            {lectures.map((l) => (
              <li key={l.slug}>
                <Link
                  href={{ pathname: `/admin/cohorts/${cohort.id}/quizzes`, query: { lecture: l.slug } }}
                  aria-current={l.slug === slug ? "page" : undefined}
                  className="inline-block rounded-full border border-stone-300 px-3 py-1 text-sm font-medium text-stone-800 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
                >
                  {t("lecture", { number: l.number })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <h3 className="mt-6 text-lg font-semibold text-stone-900">
          {t("lectureTitle", { number: lecture.number, title: lecture.meta.title })}
        </h3>
        <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {[
            [t("participants"), String(s.participants)],
            [t("attempted"), String(s.attempted)],
            [
              t("passRate"),
              s.passRate === null
                ? "—"
                : t("passRateValue", { rate: pct(s.passRate), passed: s.passed, attempted: s.attempted }),
            ],
            [t("average"), pct(s.averagePercent)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-stone-200 bg-white p-4">
              <dt className="text-sm text-stone-700">{label}</dt>
              <dd className="text-xl font-bold text-stone-900">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4">
          <a
            href={`/api/admin/cohorts/${cohort.id}/quizzes/${slug}/results.csv`}
            download
            className="font-medium text-brand-700 underline"
          >
            {t("export")}
          </a>
        </p>
        <h4 className="mt-6 font-semibold text-stone-900">{t("questionsTitle")}</h4>
        {/* A correction applies in every cohort: admins make them, organisers see the figures. */}
        <p className="mt-2 max-w-3xl text-sm text-stone-700">
          {canCorrect ? (
            <>
              {t("correction.where", { file: `content/lectures/${lecture.folder}/lecture.md` })}{" "}
              <a
                href={`/api/admin/quizzes/${slug}/quiz.yaml`}
                download
                className="font-medium text-brand-700 underline"
              >
                {t("correction.export")}
              </a>
            </>
          ) : (
            t("correction.adminOnly")
          )}
        </p>
        <DataTable
          className="mt-2"
          headers={[
            t("question"),
            t("answered"),
            t("correctShare"),
            t("commonWrong"),
            ...(canCorrect ? [t("correction.column")] : []),
          ]}
        >
          {report.questions.map((q) => (
            <tr key={q.id}>
              <th scope="row" className="px-4 py-3 text-start font-normal text-stone-900">
                {q.prompt}
              </th>
              <td className="px-4 py-3">{q.answered}</td>
              <td className="px-4 py-3 whitespace-nowrap">{pct(q.correctShare)}</td>
              <td className="px-4 py-3">
                {q.commonWrong ? t("chosenBy", { text: q.commonWrong.text, count: q.commonWrong.count }) : "—"}
              </td>
              {canCorrect && (
                <td className="px-4 py-3">
                  <Link
                    href={`${base}/${slug}/questions/${q.id}`}
                    className="font-medium whitespace-nowrap text-brand-700 underline"
                  >
                    {t("correction.link")}
                    <span className="sr-only">: {q.prompt}</span>
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
        <h4 className="mt-6 font-semibold text-stone-900">{t("peopleTitle")}</h4>
        <form method="get" role="search" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="lecture" value={slug} />
          <div>
            <label htmlFor="results-search" className="block font-medium text-stone-900">
              {t("search.label")}
            </label>
            <input
              id="results-search"
              name="q"
              type="search"
              defaultValue={view.q}
              maxLength={100}
              className={`mt-1 block w-72 max-w-full ${CONTROL}`}
            />
          </div>
          <div>
            <label htmlFor="results-filter" className="block font-medium text-stone-900">
              {t("search.result")}
            </label>
            <select id="results-filter" name="result" defaultValue={view.result} className={`mt-1 block ${CONTROL}`}>
              {REPORT_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {t(`search.results.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
          >
            {t("search.submit")}
          </button>
          {(view.q || view.result !== "all") && (
            <Link
              href={{ pathname: base, query: { lecture: slug } }}
              className="py-2 font-medium text-brand-700 underline"
            >
              {t("search.clear")}
            </Link>
          )}
        </form>
        {listed.length === 0 ? (
          <p className="mt-2 text-stone-700">{report.people.length === 0 ? t("nobody") : t("search.none")}</p>
        ) : (
          <DataTable className="mt-2" headers={[t("name"), t("country"), t("attempts"), t("counted"), t("result")]}>
            {listed.slice(win.skip, win.skip + win.take).map((p) => (
              <tr key={p.id}>
                <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                  {p.certificateName ?? p.name ?? p.email}
                  {(p.certificateName ?? p.name) && (
                    <span className="block text-sm font-normal text-stone-600">{p.email}</span>
                  )}
                </th>
                <td className="px-4 py-3">{p.country ? countryName(p.country, locale) : "—"}</td>
                <td className="px-4 py-3">{p.attempts}</td>
                <td className="px-4 py-3">{pct(p.percent)}</td>
                <td className="px-4 py-3">
                  {p.passed === null ? t("notTaken") : p.passed ? t("passed") : t("notPassed")}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pager
          pathname={base}
          query={listQuery}
          page={win.page}
          pages={win.pages}
          labels={{
            nav: t("paging.nav"),
            previous: t("paging.previous"),
            next: t("paging.next"),
            pageOf: t("paging.pageOf", { page: win.page, pages: win.pages }),
          }}
          pageLabel={(page) => t("paging.page", { page })}
          summary={
            listed.length > 0 ? t("paging.showing", { from: win.from, to: win.to, total: win.total }) : undefined
          }
        />
      </section>
      <section aria-labelledby="regrade-title" className="mt-10">
        <h2 id="regrade-title" className="text-xl font-semibold text-stone-900">
          {t("regradeTitle")}
        </h2>
        {corrected && (
          <p role="status" className="mt-2 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("correction.saved", { version: corrected.version })}
          </p>
        )}
        {regraded !== undefined && (
          <p role="status" className="mt-2 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("regraded", { count: regraded })}
          </p>
        )}
        {regrade.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("regradeNothing")}</p>
        ) : (
          <>
            <p className="mt-2 text-stone-800">{t("regradeIntro", { count: regrade.length })}</p>
            <DataTable
              className="mt-4"
              headers={[t("name"), t("attempts"), t("regradeBefore"), t("regradeAfter"), t("regradeQuestions")]}
            >
              {regradeShown.map((r) => (
                <tr key={r.attemptId}>
                  <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                    {r.person}
                    <span className="block text-sm font-normal text-stone-600">{r.email}</span>
                  </th>
                  <td className="px-4 py-3">{r.number}</td>
                  <td className="px-4 py-3">
                    {pct(r.before.percent)} {r.beforePassed ? t("passed") : t("notPassed")}
                  </td>
                  <td className="px-4 py-3">
                    {pct(r.grade.percent)} {r.passed ? t("passed") : t("notPassed")}
                  </td>
                  <td className="px-4 py-3">
                    {r.changes.map((c) => report.questions.find((q) => q.id === c.id)?.prompt ?? c.id).join(" · ")}
                  </td>
                </tr>
              ))}
            </DataTable>
            {regrade.length > regradeShown.length && (
              <p className="mt-2 text-stone-700">{t("regradeMore", { count: regrade.length - regradeShown.length })}</p>
            )}
            <form action={regradeAction} className="mt-4">
              <input type="hidden" name="cohortId" value={cohort.id} />
              <input type="hidden" name="slug" value={slug} />
              <button
                type="submit"
                className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
              >
                {t("regradeApply", { count: regrade.length })}
              </button>
            </form>
          </>
        )}
      </section>
      <QuizOverrides
        cohort={cohort}
        slug={slug}
        lectureNumber={lecture.number}
        overrides={overrides}
        candidates={candidates}
        notice={overrideNotice}
        timeZone={admin.timeZone}
      />
      <section
        aria-labelledby="rules-title"
        className="mt-12 max-w-3xl rounded-xl border border-stone-200 bg-white p-6"
      >
        <h2 id="rules-title" className="text-xl font-semibold text-stone-900">
          {t("rulesTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("rulesIntro")}</p>
        <div className="mt-4">
          <ClientMessages namespaces={["AdminQuizzes"]}>
            <QuizRulesForm
              cohortId={cohort.id}
              timeZone={cohort.timeZone}
              initial={quizRulesFormValues(rules, cohort.timeZone)}
            />
          </ClientMessages>
        </div>
      </section>
    </div>
  );
}
