import { getTranslations } from "next-intl/server";
import { contactTag } from "@/components/layout/contact-link";

/** An invite link that is unknown, replaced or mistyped. */
export default async function InvalidInvite() {
  const t = await getTranslations("Enrol");
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <title>{t("invalidTitle")}</title>
      <h1 className="mt-2 text-3xl font-bold text-stone-900">{t("invalidTitle")}</h1>
      <p className="mt-4 text-stone-700">{t.rich("invalidBody", contactTag)}</p>
    </div>
  );
}
