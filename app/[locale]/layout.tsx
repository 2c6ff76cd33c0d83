import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SiteFooter } from "@/components/layout/site-footer";
import { nastaliq } from "@/components/ui/fonts";
import { directionOf, routing } from "@/lib/i18n/routing";
import { siteTitle } from "@/lib/i18n/title";
import "../globals.css";

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Site" });
  return {
    title: { default: t("name"), template: siteTitle(t("name"), "%s") },
    description: t("tagline"),
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Site" });
  return (
    <html lang={locale} dir={directionOf(locale)} className={nastaliq.variable}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:start-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-800 focus:shadow"
        >
          {t("skipToContent")}
        </a>
        <ClientMessages namespaces={["Site", "Error"]}>
          {/* The header and <main> are the route groups' layouts: (public) for cached pages,
              (personal) for pages rendered per request. */}
          {children}
          <SiteFooter />
        </ClientMessages>
      </body>
    </html>
  );
}
