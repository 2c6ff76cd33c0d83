import { getTranslations, setRequestLocale } from "next-intl/server";
import { CohortDates } from "@/components/cohorts/cohort-dates";
import { PendingRequests } from "@/components/admin/inbox/pending-requests";
import { DataTable } from "@/components/ui/data-table";
import { requireStaff } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listCohortsForAdmin } from "@/lib/db/cohorts-admin";
import { countPendingByCohort } from "@/lib/db/inbox";
import { cohortListState } from "@/lib/domain/cohorts";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { archiveCohort } from "./actions";

export const generateMetadata = () => privatePageMetadata("AdminCohorts");

export default async function AdminCohortsPage({ params, searchParams }: PageProps<"/[locale]/admin/cohorts">) {
  const { locale } = await params;
  const query = await searchParams;
  setRequestLocale(locale);
  const user = await requireStaff("/admin/cohorts");
  // An organiser sees the cohorts they are assigned to, and cannot create one.
  const isAdmin = user.role === "ADMIN";
  const [cohorts, pending] = await Promise.all([
    listCohortsForAdmin(getDb(), isAdmin ? undefined : user.id),
    countPendingByCohort(getDb()),
  ]);
  const t = await getTranslations("AdminCohorts");
  const tc = await getTranslations("Cohort");
  const now = new Date();
  // The cohort just created or saved: said so, and, if it now has fewer places than people, what that means.
  const saved = (["created", "updated"] as const).find((s) => s === query.saved);
  const savedCohort = saved && cohorts.find((c) => c.id === query.cohort);
  const overFull = savedCohort && savedCohort.capacity !== null && savedCohort._count.enrolments > savedCohort.capacity;
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-2 text-stone-700">{isAdmin ? t("intro") : t("introOrganiser")}</p>
        </div>
        {isAdmin && (
          <Link
            href="/admin/cohorts/new"
            className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("new")}
          </Link>
        )}
      </div>
      {savedCohort && (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t(`savedNotice.${saved}`, { name: savedCohort.name })}
          {overFull &&
            ` ${t("savedNotice.overFull", { enrolled: savedCohort._count.enrolments, capacity: savedCohort.capacity ?? 0 })}`}
        </p>
      )}
      {cohorts.length === 0 ? (
        <p className="mt-8 text-stone-700">{isAdmin ? t("empty") : t("emptyOrganiser")}</p>
      ) : (
        <DataTable
          className="mt-8"
          stacked
          headers={[t("name"), t("dates"), t("mode"), t("status"), t("requests"), t("actions")]}
        >
          {cohorts.map((c) => (
            <tr key={c.id} className={c.archivedAt ? "text-stone-500" : undefined}>
              <th scope="row" className="px-4 py-3 text-start font-medium">
                <Link href={`/admin/cohorts/${c.id}`} className="text-brand-800 underline">
                  {c.name}
                </Link>
              </th>
              <td className="px-4 py-3 whitespace-nowrap" data-label={t("dates")}>
                <CohortDates startsOn={c.startsOn} endsOn={c.endsOn} dateStyle="medium" />
              </td>
              <td className="px-4 py-3" data-label={t("mode")}>
                {tc("mode", { mode: c.enrolmentMode })}
              </td>
              <td className="px-4 py-3" data-label={t("status")}>
                {t(`states.${cohortListState(c, c._count.enrolments, now)}`, {
                  enrolled: c._count.enrolments,
                  capacity: c.capacity ?? 0,
                })}
              </td>
              <td className="px-4 py-3" data-label={t("requests")}>
                <PendingRequests cohort={c} counts={pending.get(c.id)} />
              </td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap items-center gap-3">
                  <Link
                    href={`/admin/cohorts/${c.id}`}
                    className="font-medium text-brand-700 underline"
                    aria-label={`${t("edit")}: ${c.name}`}
                  >
                    {t("edit")}
                  </Link>
                  <form action={archiveCohort}>
                    <input type="hidden" name="id" value={c.id} />
                    <input type="hidden" name="archived" value={c.archivedAt ? "false" : "true"} />
                    <button
                      type="submit"
                      className="font-medium text-brand-700 underline"
                      aria-label={`${c.archivedAt ? t("unarchive") : t("archive")}: ${c.name}`}
                    >
                      {c.archivedAt ? t("unarchive") : t("archive")}
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
