import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { TemplateEditor, type EditorValues } from "@/components/certificates/template-editor";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import { requireCohortManager } from "@/lib/auth/session";
import { programmeDefaultTemplate } from "@/lib/certificates/template";
import { getDb } from "@/lib/db";
import { currentTemplate, listTemplateVersions } from "@/lib/db/certificate-templates";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("CertificateTemplate");

export default async function CertificateTemplatePage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/certificates/template">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/certificates/template`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const [current, versions] = await Promise.all([currentTemplate(db, cohort.id), listTemplateVersions(db, cohort.id)]);
  const saved = Number((await searchParams).saved) || null;
  const t = await getTranslations("CertificateTemplate");
  const format = await getFormatter();
  const defaults = programmeDefaultTemplate();
  const image = (i: { id: string }) => ({ id: i.id, src: `/api/admin/cohorts/${id}/certificate-images/${i.id}` });
  const values: EditorValues = current
    ? {
        title: current.title,
        intro: current.intro,
        body: current.body,
        colour: current.colour,
        accent: current.accent,
        organisers: current.organisers.join("\n"),
        logos: current.logos.map(image),
        signatories: current.signatories.map((s) => ({
          name: s.name,
          title: s.title,
          signature: s.signature && image(s.signature),
        })),
      }
    : { ...defaults, organisers: defaults.organisers.join("\n"), logos: [], signatories: [] };
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="certificates" />
      <p className="mt-6">
        <Link
          href={`/admin/cohorts/${cohort.id}/certificates`}
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("back")}
        </Link>
      </p>
      <h2 className="mt-2 text-2xl font-semibold text-stone-900">{t("title")}</h2>
      {saved && (
        <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t("saved", { version: saved })}
        </p>
      )}
      <p className="mt-3 max-w-3xl text-stone-800">
        {current ? t("current", { version: current.version }) : t("usingDefault")} {t("keeps")}
      </p>
      <ClientMessages namespaces={["CertificateTemplate"]}>
        <TemplateEditor
          // A new version saved: the form starts again from it, its file fields empty.
          key={current?.version ?? 0}
          cohortId={cohort.id}
          values={values}
          defaults={{ ...defaults, organisers: defaults.organisers.join("\n") }}
        />
      </ClientMessages>
      <section aria-labelledby="versions-title" className="mt-12">
        <h2 id="versions-title" className="text-xl font-semibold text-stone-900">
          {t("versionsTitle")}
        </h2>
        {versions.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("noVersions")}</p>
        ) : (
          <DataTable
            className="mt-3"
            headers={[t("columns.version"), t("columns.saved"), t("columns.by"), t("columns.certificates")]}
          >
            {versions.map((v) => (
              <tr key={v.id}>
                <td className="p-3 font-medium text-stone-900">{v.version}</td>
                <td className="p-3 text-stone-800">
                  {format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: cohort.timeZone })}
                </td>
                <td className="p-3 text-stone-800">{v.createdBy?.email ?? "—"}</td>
                <td className="p-3 text-stone-800">{v._count.certificates}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
