import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

export type CohortTab =
  | "settings"
  | "sessions"
  | "participants"
  | "import"
  | "quizzes"
  | "attendance"
  | "certificates"
  | "inbox"
  | "announcements"
  | "report";

/** The heading and the tabs of one cohort's admin pages. */
export async function CohortHeader({
  cohort,
  current,
}: {
  cohort: { id: string; name: string; archivedAt: Date | null };
  current: CohortTab;
}) {
  const t = await getTranslations("AdminCohorts");
  const tabs: { tab: CohortTab; href: string }[] = [
    { tab: "settings", href: `/admin/cohorts/${cohort.id}` },
    { tab: "sessions", href: `/admin/cohorts/${cohort.id}/sessions` },
    { tab: "participants", href: `/admin/cohorts/${cohort.id}/participants` },
    { tab: "import", href: `/admin/cohorts/${cohort.id}/import` },
    { tab: "quizzes", href: `/admin/cohorts/${cohort.id}/quizzes` },
    { tab: "attendance", href: `/admin/cohorts/${cohort.id}/attendance` },
    { tab: "certificates", href: `/admin/cohorts/${cohort.id}/certificates` },
    { tab: "inbox", href: `/admin/cohorts/${cohort.id}/inbox` },
    { tab: "announcements", href: `/admin/cohorts/${cohort.id}/announcements` },
    { tab: "report", href: `/admin/cohorts/${cohort.id}/report` },
  ];
  return (
    <>
      <p>
        <Link href="/admin/cohorts" className="text-sm font-medium text-brand-700 underline">
          {t("backToList")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{cohort.name}</h1>
      {cohort.archivedAt && (
        <p className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">{t("archived")}</p>
      )}
      <nav aria-label={t("tabsLabel")} className="mt-6 border-b border-stone-200">
        <ul className="-mb-px flex flex-wrap gap-x-1">
          {tabs.map(({ tab, href }) => (
            <li key={tab}>
              <Link
                href={href}
                aria-current={tab === current ? "page" : undefined}
                className="inline-block border-b-2 border-transparent px-3 py-2 font-medium text-stone-700 hover:text-stone-900 aria-[current=page]:border-brand-700 aria-[current=page]:text-brand-800"
              >
                {t(`tabs.${tab}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
