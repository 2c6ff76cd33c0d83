import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { CohortForm } from "@/components/admin/cohort-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { cohortFormValues } from "@/components/admin/cohort-values";
import { requireCohortManager } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { countCohortInbox } from "@/lib/db/inbox";
import { PendingRequests } from "@/components/admin/inbox/pending-requests";
import { siteUrl } from "@/lib/http/site-url";
import { CohortHeader } from "@/components/admin/cohort-header";
import { Link } from "@/lib/i18n/navigation";
import { assignOrganiserAction, removeOrganiserAction, rotateInvite } from "../actions";
import { listCohortOrganisers } from "@/lib/db/cohort-organisers";
import { DataTable } from "@/components/ui/data-table";
import { z } from "zod";
import { cohortTitles, privatePageMetadata } from "@/lib/i18n/metadata";
import { timeZoneChoices } from "@/lib/domain/time-zones";

// The cohort's settings page, in the segment whose layout writes the other tabs' titles: its
// own is written here the same way ("Settings · <cohort> · <site>").
export async function generateMetadata({ params }: PageProps<"/[locale]/admin/cohorts/[id]">): Promise<Metadata> {
  const metadata = await privatePageMetadata("AdminCohorts", "tabs.settings");
  const titles = await cohortTitles((await params).id);
  return titles
    ? { ...metadata, title: { absolute: titles.template.replace("%s", String(metadata.title)) } }
    : metadata;
}

export default async function EditCohortPage({ params, searchParams }: PageProps<"/[locale]/admin/cohorts/[id]">) {
  const { locale, id } = await params;
  const { invite, organiser, organiserError } = await searchParams;
  setRequestLocale(locale);
  const viewer = await requireCohortManager(id, `/admin/cohorts/${id}`);
  const cohort = await getCohortForAdmin(getDb(), id);
  if (!cohort) notFound();
  const isAdmin = viewer.role === "ADMIN";
  const t = await getTranslations("AdminCohorts");
  const te = await getTranslations("Enrol");
  const inviteUrl = `${siteUrl()}/enrol/${cohort.inviteCode}`;
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="settings" />
      <p className="mt-6">
        <PendingRequests cohort={cohort} counts={await countCohortInbox(getDb(), cohort.id)} />
      </p>
      {isAdmin && (
        <p className="mt-4">
          <Link
            href={{ pathname: "/admin/audit", query: { cohort: cohort.id } }}
            className="font-medium text-brand-700 underline"
          >
            {t("auditLink")}
          </Link>
        </p>
      )}
      <section
        aria-labelledby="invite-title"
        className="mt-8 max-w-2xl rounded-xl border border-brand-100 bg-brand-50 p-6"
      >
        <h2 id="invite-title" className="text-lg font-semibold text-brand-900">
          {te("inviteTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{te("inviteHelp")}</p>
        <label htmlFor="invite-url" className="sr-only">
          {te("inviteLabel", { name: cohort.name })}
        </label>
        <input
          id="invite-url"
          readOnly
          value={inviteUrl}
          className="mt-3 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2 font-mono text-sm text-stone-900"
        />
        {invite === "rotated" && (
          <p role="status" className="mt-3 rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-900">
            {te("rotated")}
          </p>
        )}
        {invite === "unconfirmed" && (
          <p
            role="alert"
            className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm font-medium text-red-900"
          >
            {te("rotateUnconfirmed")}
          </p>
        )}
        <details className="mt-3">
          <summary className="cursor-pointer font-medium text-brand-800 underline">{te("rotate")}</summary>
          <form action={rotateInvite} className="mt-2 space-y-2">
            <input type="hidden" name="id" value={cohort.id} />
            <p className="text-sm text-stone-800">{te("rotateConfirm")}</p>
            <button
              type="submit"
              name="confirm"
              value="yes"
              className="rounded-lg bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
            >
              {te("confirmRotate")}
            </button>
          </form>
        </details>
      </section>
      <section
        aria-labelledby="settings-title"
        className="mt-8 max-w-2xl rounded-xl border border-stone-200 bg-white p-6"
      >
        <h2 id="settings-title" className="mb-4 text-xl font-semibold text-stone-900">
          {t("settingsTitle")}
        </h2>
        <ClientMessages namespaces={["AdminCohorts"]}>
          <CohortForm id={cohort.id} initial={cohortFormValues(cohort)} timeZones={timeZoneChoices()} />
        </ClientMessages>
      </section>
      {isAdmin && (
        <OrganisersSection
          cohortId={cohort.id}
          notice={typeof organiser === "string" ? organiser : undefined}
          error={typeof organiserError === "string" ? organiserError : undefined}
        />
      )}
    </div>
  );
}

const ZOrganiserNotice = z.enum(["assigned", "promoted", "removed"]).optional().catch(undefined);
const ZOrganiserError = z
  .enum(["email", "no-account", "is-admin", "already", "erased", "not-organiser"])
  .optional()
  .catch(undefined);

/** Admin: who organises the cohort, and the forms to assign and remove organisers. */
async function OrganisersSection({ cohortId, notice, error }: { cohortId: string; notice?: string; error?: string }) {
  const t = await getTranslations("AdminCohorts.organisers");
  const format = await getFormatter();
  const organisers = await listCohortOrganisers(getDb(), cohortId);
  const done = ZOrganiserNotice.parse(notice);
  const problem = ZOrganiserError.parse(error);
  return (
    <section
      id="organisers"
      aria-labelledby="organisers-title"
      className="mt-8 max-w-2xl rounded-xl border border-stone-200 bg-white p-6"
    >
      <h2 id="organisers-title" className="text-xl font-semibold text-stone-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("help")}</p>
      {done && (
        <p role="status" className="mt-3 rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {t(`done.${done}`)}
        </p>
      )}
      {organisers.length === 0 ? (
        <p className="mt-4 text-stone-700">{t("none")}</p>
      ) : (
        <DataTable className="mt-4" headers={[t("person"), t("since"), t("actions")]}>
          {organisers.map(({ user, assignedAt }) => (
            <tr key={user.id}>
              <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                {user.name ?? user.email}
                {user.name && <span className="block text-sm font-normal text-stone-700">{user.email}</span>}
              </th>
              <td className="px-4 py-3 text-stone-800">{format.dateTime(assignedAt, { dateStyle: "medium" })}</td>
              <td className="px-4 py-3">
                <form action={removeOrganiserAction}>
                  <input type="hidden" name="id" value={cohortId} />
                  <input type="hidden" name="userId" value={user.id} />
                  <button type="submit" className="font-medium text-brand-700 underline">
                    {t("remove")}
                    <span className="sr-only"> {user.email}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form action={assignOrganiserAction} noValidate className="mt-4 space-y-2">
        <input type="hidden" name="id" value={cohortId} />
        <label htmlFor="organiser-email" className="block font-medium text-stone-900">
          {t("emailLabel")}
        </label>
        <p id="organiser-email-help" className="text-sm text-stone-700">
          {t("emailHelp")}
        </p>
        <div className="flex flex-wrap gap-2">
          <input
            id="organiser-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            aria-describedby={problem ? "organiser-email-help organiser-error" : "organiser-email-help"}
            aria-invalid={problem ? true : undefined}
            className="min-w-64 flex-1 rounded-lg border border-stone-400 bg-white px-3 py-2 text-stone-900"
          />
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("assign")}
          </button>
        </div>
        {problem && (
          <p id="organiser-error" role="alert" className="text-sm font-medium text-red-800">
            {t(`errors.${problem}`)}
          </p>
        )}
      </form>
    </section>
  );
}
