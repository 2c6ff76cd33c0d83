import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { RosterUploadForm } from "@/components/admin/roster-upload-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { listRosterImports } from "@/lib/db/roster";
import { ROSTER_LIMITS } from "@/lib/domain/roster";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("Roster");

export default async function RosterImportPage({ params }: PageProps<"/[locale]/admin/cohorts/[id]/import">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireCohortManager(id, `/admin/cohorts/${id}/import`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const imports = await listRosterImports(db, cohort.id);
  const t = await getTranslations("Roster");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="import" />
      <section
        aria-labelledby="upload-title"
        className="mt-8 max-w-2xl rounded-xl border border-stone-200 bg-white p-6"
      >
        <h2 id="upload-title" className="text-xl font-semibold text-stone-900">
          {t("title")}
        </h2>
        <p className="mt-2 text-stone-700">
          {t("intro", { maxRows: ROSTER_LIMITS.maxRows, maxMb: ROSTER_LIMITS.maxBytes / 1024 / 1024 })}
        </p>
        <p className="mt-2 text-stone-700">{t("columns")}</p>
        <p className="mt-2">
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent("Name,Email,Country,Organisation,Position\r\nAyesha Khan,ayesha.khan@example.org,Pakistan,NUST,Lecturer\r\n")}`}
            download="roster-template.csv"
            className="font-medium text-brand-700 underline"
          >
            {t("template")}
          </a>
        </p>
        <div className="mt-6">
          <ClientMessages namespaces={["Roster"]}>
            <RosterUploadForm cohortId={cohort.id} />
          </ClientMessages>
        </div>
      </section>
      <section aria-labelledby="history-title" className="mt-10">
        <h2 id="history-title" className="text-xl font-semibold text-stone-900">
          {t("history")}
        </h2>
        {imports.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noHistory")}</p>
        ) : (
          <DataTable className="mt-4" headers={[t("file"), t("uploaded"), t("by"), t("state")]}>
            {imports.map((i) => {
              const r = i.result;
              return (
                <tr key={i.id}>
                  <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                    <Link href={`/admin/cohorts/${cohort.id}/import/${i.id}`} className="text-brand-700 underline">
                      {i.fileName}
                    </Link>
                  </th>
                  <td className="px-4 py-3 whitespace-nowrap">
                    {format.dateTime(i.createdAt, {
                      dateStyle: "medium",
                      timeStyle: "short",
                      timeZone: admin.timeZone,
                    })}
                  </td>
                  <td className="px-4 py-3">{i.actor.email}</td>
                  <td className="px-4 py-3">
                    {r
                      ? t("resultShort", { created: r.created, updated: r.updated, skipped: r.skipped })
                      : t("notConfirmed")}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </div>
  );
}
