import { getTranslations, setRequestLocale } from "next-intl/server";
import { organisationTypeChoices } from "@/lib/i18n/organisation-types";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ProfileForm } from "@/components/profile/profile-form";
import { organisersEmail } from "@/lib/site/contact";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { ownMailOptOuts } from "@/lib/db/mail-preferences";
import { getOwnProfile, listOwnOldNameCertificates } from "@/lib/db/profile";
import { OPTIONAL_MAIL_KINDS, wantsMail } from "@/lib/domain/mail-preferences";
import { saveMailPreferencesAction } from "./actions";
import { COUNTRY_CODES } from "@/lib/domain/profile";
import { countryName } from "@/lib/i18n/format";
import { ZReturnPath } from "@/lib/schemas/auth";
import { PROFILE_FIELDS } from "@/lib/schemas/profile";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { currentZoneName, timeZoneChoices } from "@/lib/domain/time-zones";

export const generateMetadata = () => privatePageMetadata("Profile");

export default async function ProfilePage({ params, searchParams }: PageProps<"/[locale]/profile">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser("/profile");
  const query = await searchParams;
  const callbackUrl = ZReturnPath.parse(typeof query.callbackUrl === "string" ? query.callbackUrl : undefined);
  const profile = await getOwnProfile(getDb(), user.id);
  const t = await getTranslations("Profile");
  const countries = COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
  const timeZones = timeZoneChoices();
  const values = Object.fromEntries(PROFILE_FIELDS.map((k) => [k, profile[k] ?? ""]));
  // A zone saved under a former name is shown, and saved again, under today's.
  if (values.timeZone) values.timeZone = currentZoneName(values.timeZone);
  // A certificate issued before a name change still shows the old name: say so on arrival too.
  const oldNames = await listOwnOldNameCertificates(getDb(), user.id, profile);
  const optOuts = await ownMailOptOuts(getDb(), user.id);
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <ClientMessages namespaces={["Profile"]}>
          <ProfileForm
            initial={{ values, errors: {}, oldNames }}
            countries={countries}
            organisationTypes={await organisationTypeChoices()}
            timeZones={timeZones}
            callbackUrl={callbackUrl}
            contactEmail={organisersEmail()}
          />
        </ClientMessages>
      </div>
      <section id="mail" aria-labelledby="mail-title" className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="mail-title" className="text-xl font-semibold text-stone-900">
          {t("mail.title")}
        </h2>
        <p className="mt-2 text-stone-700">{t("mail.intro")}</p>
        {query.mail === "saved" && (
          <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
            {t("mail.saved")}
          </p>
        )}
        <form action={saveMailPreferencesAction} className="mt-4">
          <fieldset>
            <legend className="sr-only">{t("mail.title")}</legend>
            {OPTIONAL_MAIL_KINDS.map((kind) => (
              <p key={kind} className="mt-2 flex items-start gap-3">
                <input
                  type="checkbox"
                  id={`mail-${kind}`}
                  name="wanted"
                  value={kind}
                  defaultChecked={wantsMail(optOuts, kind)}
                  className="mt-1 h-4 w-4"
                />
                <label htmlFor={`mail-${kind}`} className="text-stone-900">
                  {t(`mail.${kind}`)}
                </label>
              </p>
            ))}
          </fieldset>
          <button
            type="submit"
            className="mt-4 rounded-lg border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50"
          >
            {t("mail.save")}
          </button>
        </form>
      </section>
    </div>
  );
}
