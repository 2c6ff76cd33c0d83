import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { EnrolmentRequests } from "@/components/admin/inbox/enrolment-requests";
import { ExcuseRequests } from "@/components/admin/inbox/excuse-requests";
import { Pager } from "@/components/ui/pager";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { countCohortInbox, listPendingEnrolments, listPendingExcuses } from "@/lib/db/inbox";
import { clampPage, INBOX_PAGE_SIZE } from "@/lib/domain/inbox";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("AdminInbox");

const LISTS = ["enrolments", "excuses"] as const;
const ZCount = z.coerce.number().int().min(0).max(100_000).catch(0).default(0);
const ZQuery = z.object({
  list: z.enum(LISTS).catch("enrolments").default("enrolments"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  /** Without JavaScript, "select all" reloads the page with every box checked. */
  select: z.literal("all").optional().catch(undefined),
  done: z.enum(["approve", "reject"]).optional().catch(undefined),
  n: ZCount,
  full: ZCount,
  skipped: ZCount,
  error: z.enum(["none-selected", "confirm", "invalid"]).optional().catch(undefined),
});

export default async function CohortInboxPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/inbox">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireCohortManager(id, `/admin/cohorts/${id}/inbox`);
  const query = ZQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const db = getDb();
  const cohort = id.length <= 40 ? await getCohortForAdmin(db, id) : null;
  if (!cohort) notFound();
  const counts = await countCohortInbox(db, cohort.id);
  const total = query.list === "enrolments" ? counts.enrolments : counts.excuses;
  const page = clampPage(query.page, total);
  const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const t = await getTranslations("AdminInbox");
  const pathname = `/admin/cohorts/${cohort.id}/inbox`;
  const selectAll = query.select === "all";
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="inbox" />
      <h2 className="mt-8 text-2xl font-semibold text-stone-900">{t("title")}</h2>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <nav aria-label={t("lists")} className="mt-6">
        <ul className="flex flex-wrap gap-3">
          {LISTS.map((list) => (
            <li key={list}>
              <Link
                href={{ pathname, query: { list } }}
                aria-current={list === query.list ? "page" : undefined}
                className="inline-block rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium text-stone-800 hover:border-brand-600 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900"
              >
                {t(list, { count: list === "enrolments" ? counts.enrolments : counts.excuses })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {query.done && (
        <div role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          <p className="font-medium">{t(`done.${query.list}`, { decision: query.done, count: query.n })}</p>
          {query.full > 0 && <p className="mt-1">{t("full", { count: query.full })}</p>}
          {query.skipped > 0 && <p className="mt-1">{t("skipped", { count: query.skipped })}</p>}
        </div>
      )}
      {query.error && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t(`errors.${query.error}`)}
        </p>
      )}
      <section aria-labelledby="inbox-list-title" className="mt-6">
        <h3 id="inbox-list-title" className="sr-only">
          {t(query.list, { count: total })}
        </h3>
        {query.list === "enrolments" ? (
          <EnrolmentRequests
            cohortId={cohort.id}
            rows={await listPendingEnrolments(db, cohort.id, page)}
            selectAllHref={{ pathname, query: { list: "enrolments", page, select: "all" } }}
            selectAll={selectAll}
            locale={locale}
            timeZone={admin.timeZone}
          />
        ) : (
          <ExcuseRequests
            cohortId={cohort.id}
            rows={await listPendingExcuses(db, cohort.id, page)}
            selectAllHref={{ pathname, query: { list: "excuses", page, select: "all" } }}
            selectAll={selectAll}
            timeZone={admin.timeZone}
          />
        )}
        <Pager
          pathname={pathname}
          query={{ list: query.list }}
          page={page}
          pages={pages}
          labels={{
            nav: t("pagination"),
            previous: t("previous"),
            next: t("next"),
            pageOf: t("pageOf", { page, pages }),
          }}
        />
      </section>
    </div>
  );
}
