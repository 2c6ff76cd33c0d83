import { notFound } from "next/navigation";
import { organisationTypeChoices } from "@/lib/i18n/organisation-types";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getPerson } from "@/lib/db/people";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { endAllSessions, erase, setRole } from "../actions";
import { PersonName } from "@/components/ui/person-name";
import { PersonProfileForm } from "@/components/admin/person-profile-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { COUNTRY_CODES } from "@/lib/domain/profile";
import { countryName } from "@/lib/i18n/format";
import { ADMIN_PROFILE_FIELDS } from "@/lib/schemas/profile";

export const generateMetadata = () => privatePageMetadata("People", "personTitle");

const ZNotice = z.object({
  done: z.enum(["sessions", "role", "erased"]).optional().catch(undefined),
  count: z.coerce.number().int().min(0).optional().catch(undefined),
  error: z
    .enum(["last-admin", "invalid", "self", "admin", "already-erased", "not-confirmed"])
    .optional()
    .catch(undefined),
});

const button =
  "rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600";

export default async function PersonPage({ params, searchParams }: PageProps<"/[locale]/admin/people/[id]">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin(`/admin/people/${id}`);
  const person = id.length <= 40 ? await getPerson(getDb(), id) : null;
  if (!person) notFound();
  const notice = ZNotice.parse(await searchParams);
  const t = await getTranslations("People");
  if (person.erasedAt) return <ErasedPerson erasedAt={person.erasedAt} notice={notice} />;
  const others = (["PARTICIPANT", "ORGANISER", "ADMIN"] as const).filter((r) => r !== person.role);
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  const profile = Object.fromEntries(ADMIN_PROFILE_FIELDS.map((k) => [k, person[k] ?? ""]));
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/admin/people" className="font-medium text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold break-all text-stone-900">{person.email}</h1>
      {notice.done === "sessions" && (
        <p role="status" className="mt-4 rounded-lg bg-green-50 p-3 text-green-900">
          {t("sessionsEnded", { count: notice.count ?? 0 })}
        </p>
      )}
      {notice.done === "role" && (
        <p role="status" className="mt-4 rounded-lg bg-green-50 p-3 text-green-900">
          {t("roleChanged", { role: person.role })}
        </p>
      )}
      {notice.error && (
        <p role="alert" className="mt-4 rounded-lg bg-red-50 p-3 text-red-900">
          {t(`errors.${notice.error}`)}
        </p>
      )}
      <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-xl border border-stone-200 bg-white p-6">
        <dt className="font-medium text-stone-700">{t("name")}</dt>
        <dd className="text-stone-900">
          {person.name ? <PersonName name={person.name} country={person.country} /> : "—"}
        </dd>
        <dt className="font-medium text-stone-700">{t("role")}</dt>
        <dd className="text-stone-900">{t("roleValue", { role: person.role })}</dd>
        <dt className="font-medium text-stone-700">{t("sessions")}</dt>
        <dd className="text-stone-900">{t("sessionCount", { count: person.sessions })}</dd>
      </dl>
      <section aria-labelledby="profile-title" className="mt-8">
        <h2 id="profile-title" className="text-xl font-semibold text-stone-900">
          {t("profileTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("profileHelp")}</p>
        <ClientMessages namespaces={["People"]}>
          <PersonProfileForm
            id={person.id}
            initial={{ values: profile, errors: {} }}
            countries={countries}
            organisationTypes={await organisationTypeChoices()}
          />
        </ClientMessages>
      </section>
      <section aria-labelledby="sessions-title" className="mt-8">
        <h2 id="sessions-title" className="text-xl font-semibold text-stone-900">
          {t("sessionsTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{t("sessionsHelp")}</p>
        <form action={endAllSessions} className="mt-3">
          <input type="hidden" name="id" value={person.id} />
          <button type="submit" className={button}>
            {t("endAll")}
          </button>
        </form>
      </section>
      <section aria-labelledby="role-title" className="mt-8">
        <h2 id="role-title" className="text-xl font-semibold text-stone-900">
          {t("roleTitle")}
        </h2>
        <p className="mt-1 text-stone-700">{person.id === admin.id ? t("roleHelpSelf") : t("roleHelp")}</p>
        <div className="mt-3 flex flex-wrap gap-3">
          {others.map((role) => (
            <form key={role} action={setRole}>
              <input type="hidden" name="id" value={person.id} />
              <input type="hidden" name="role" value={role} />
              <button type="submit" className={button}>
                {t("makeRole", { role })}
              </button>
            </form>
          ))}
        </div>
      </section>
      <EraseSection person={person} self={person.id === admin.id} />
    </div>
  );
}

async function EraseSection({ person, self }: { person: { id: string; role: string }; self: boolean }) {
  const t = await getTranslations("People");
  const blocked = self ? t("eraseSelf") : person.role === "ADMIN" ? t("eraseAdmin") : null;
  return (
    <section aria-labelledby="erase-title" className="mt-8 rounded-xl border border-red-200 bg-white p-6">
      <h2 id="erase-title" className="text-xl font-semibold text-stone-900">
        {t("eraseTitle")}
      </h2>
      <p className="mt-1 text-stone-700">{t("eraseHelp")}</p>
      {blocked ? (
        <p className="mt-3 text-stone-700">{blocked}</p>
      ) : (
        <form action={erase} className="mt-4 space-y-4">
          <input type="hidden" name="id" value={person.id} />
          <div className="flex items-start gap-2">
            <input id="keep-certificates" name="keepCertificates" type="checkbox" className="mt-1 size-4" />
            <label htmlFor="keep-certificates" className="text-stone-900">
              {t("eraseKeepCertificates")}
            </label>
          </div>
          <div>
            <label htmlFor="erase-confirmation" className="font-medium text-stone-900">
              {t("eraseConfirm")}
            </label>
            <input
              id="erase-confirmation"
              name="confirmation"
              type="text"
              required
              autoComplete="off"
              spellCheck={false}
              className="mt-1 block w-full max-w-md rounded-lg border border-stone-400 px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded-lg bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
            {t("eraseButton")}
          </button>
        </form>
      )}
    </section>
  );
}

/** What is left of an erased person: that they were erased, and when. */
async function ErasedPerson({ erasedAt, notice }: { erasedAt: Date; notice: z.infer<typeof ZNotice> }) {
  const t = await getTranslations("People");
  const format = await getFormatter();
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <p>
        <Link href="/admin/people" className="font-medium text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold text-stone-900">{t("erasedTitle")}</h1>
      {notice.done === "erased" && (
        <p role="status" className="mt-4 rounded-lg bg-green-50 p-3 text-green-900">
          {t("erasedDone", { count: notice.count ?? 0 })}
        </p>
      )}
      <p className="mt-4 text-stone-700">
        {t("erasedOn", { date: format.dateTime(erasedAt, { dateStyle: "long", timeZone: "UTC" }) })}
      </p>
    </div>
  );
}
