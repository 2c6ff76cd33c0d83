import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ProfileForm } from "@/components/profile/profile-form";
import { organisersEmail } from "@/lib/site/contact";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getOwnProfile, listOwnOldNameCertificates } from "@/lib/db/profile";
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
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <div className="mt-8 rounded-xl border border-stone-200 bg-white p-6">
        <ClientMessages namespaces={["Profile"]}>
          <ProfileForm
            initial={{ values, errors: {}, oldNames }}
            countries={countries}
            timeZones={timeZones}
            callbackUrl={callbackUrl}
            contactEmail={organisersEmail()}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
