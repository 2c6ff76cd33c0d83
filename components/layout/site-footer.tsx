import { getTranslations } from "next-intl/server";
import { contactTag } from "@/components/layout/contact-link";
import { getProgramme } from "@/lib/content";
import { Link } from "@/lib/i18n/navigation";

export async function SiteFooter() {
  const t = await getTranslations("Site");
  const { organisers } = getProgramme();
  const names = (role: string) =>
    organisers
      .filter((o) => o.role === role)
      .map((o) => `${o.name} (${o.shortName})`)
      .join(", ");
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl space-y-1 px-4 py-8 text-sm text-stone-600 sm:px-6">
        <p>{t("footerOrganisers", { organisers: names("organiser"), supporters: names("supporter") })}</p>
        <p>{t("footerNote")}</p>
        <p>{t.rich("footerContact", contactTag)}</p>
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <Link href="/help" className="font-medium text-brand-700 underline">
              {t("footerHelp")}
            </Link>
          </li>
          <li>
            <Link href="/verify" className="font-medium text-brand-700 underline">
              {t("footerVerify")}
            </Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}
