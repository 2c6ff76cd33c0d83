import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { SECURITY_REFUSED } from "@/lib/db/security-events";
import { CONTROL } from "@/components/ui/control-classes";

export type AuditFormValues = {
  person?: string;
  cohort?: string;
  action?: string;
  from?: string;
  to?: string;
  size?: number;
};

const field = `mt-1 block w-full ${CONTROL}`;
const label = "text-sm font-medium text-stone-900";

/** The audit log's filter: a plain GET form, so it works without JavaScript and its result can be bookmarked. */
export async function AuditFilterForm({
  values,
  actions,
  cohorts,
}: {
  values: AuditFormValues;
  actions: readonly string[];
  cohorts: readonly { id: string; name: string }[];
}) {
  const t = await getTranslations("Audit");
  return (
    // Keyed by the filter: a link to another filter re-renders the fields with its values.
    <form
      key={JSON.stringify(values)}
      method="get"
      role="search"
      aria-label={t("filter")}
      className="mt-6 grid gap-4 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <div>
        <label htmlFor="person" className={label}>
          {t("person")}
        </label>
        <input id="person" name="person" type="search" defaultValue={values.person ?? ""} className={field} />
      </div>
      <div>
        <label htmlFor="cohort" className={label}>
          {t("cohort")}
        </label>
        <select id="cohort" name="cohort" defaultValue={values.cohort ?? ""} className={field}>
          <option value="">{t("anyCohort")}</option>
          {cohorts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="action" className={label}>
          {t("action")}
        </label>
        <select id="action" name="action" defaultValue={values.action ?? ""} className={field}>
          <option value="">{t("anyAction")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className={label}>
          {t("from")}
        </label>
        <input id="from" name="from" type="date" defaultValue={values.from ?? ""} className={field} />
      </div>
      <div>
        <label htmlFor="to" className={label}>
          {t("to")}
        </label>
        <input id="to" name="to" type="date" defaultValue={values.to ?? ""} className={field} />
      </div>
      <div>
        <label htmlFor="size" className={label}>
          {t("size")}
        </label>
        <select id="size" name="size" defaultValue={String(values.size ?? 50)} className={field}>
          <option value="50">50</option>
          <option value="100">100</option>
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("apply")}
        </button>
        <Link href="/admin/audit" className="py-2 font-medium text-brand-700 underline">
          {t("clear")}
        </Link>
        <Link
          href={{ pathname: "/admin/audit", query: { action: SECURITY_REFUSED } }}
          className="py-2 font-medium text-brand-700 underline"
        >
          {t("securityOnly")}
        </Link>
      </div>
    </form>
  );
}
