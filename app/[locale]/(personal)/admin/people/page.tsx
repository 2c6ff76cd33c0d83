import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { searchPeople } from "@/lib/db/people";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { PersonName } from "@/components/ui/person-name";
import { CONTROL } from "@/components/ui/control-classes";

const LIMIT = 100;
const ZSearch = z.object({ q: z.string().trim().max(254).optional().catch(undefined) });

export const generateMetadata = () => privatePageMetadata("People");

export default async function PeoplePage({ params, searchParams }: PageProps<"/[locale]/admin/people">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireAdmin("/admin/people");
  const { q = "" } = ZSearch.parse(await searchParams);
  const people = await searchPeople(getDb(), q, LIMIT);
  const t = await getTranslations("People");
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <form
        method="get"
        role="search"
        aria-label={t("search")}
        className="mt-6 flex flex-wrap items-end gap-4 rounded-xl border border-stone-200 bg-white p-4"
      >
        <div>
          <label htmlFor="q" className="text-sm font-medium text-stone-900">
            {t("query")}
          </label>
          <input id="q" name="q" type="search" defaultValue={q} className={`mt-1 block ${CONTROL}`} />
        </div>
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("searchButton")}
        </button>
      </form>
      <p role="status" className="mt-4 text-sm text-stone-600">
        {t("shown", { count: people.length, limit: LIMIT })}
      </p>
      {people.length > 0 && (
        <DataTable className="mt-2" headers={[t("email"), t("name"), t("role")]}>
          {people.map((p) => (
            <tr key={p.id}>
              <td className="px-4 py-2">
                <Link href={`/admin/people/${p.id}`} className="font-medium text-brand-700 underline">
                  {p.email}
                </Link>
              </td>
              <td className="px-4 py-2 text-stone-900">{p.name && <PersonName name={p.name} />}</td>
              <td className="px-4 py-2 text-stone-900">{t("roleValue", { role: p.role })}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
