import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { routing } from "@/lib/i18n/routing";
import "./globals.css";

// Paths outside any locale (e.g. /api/unknown) have no [locale] layout.
export default async function RootNotFound() {
  const locale = routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: "NotFound" });
  return (
    <html lang={locale}>
      <body className="grid min-h-screen place-items-center bg-stone-50 p-6 text-center text-stone-900">
        <main>
          <title>{t("metaTitle")}</title>
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p className="mt-4 text-stone-700">{t("body")}</p>
          <p className="mt-6">
            <Link className="font-medium text-brand-700 underline" href="/" prefetch={false}>
              {t("home")}
            </Link>
          </p>
        </main>
      </body>
    </html>
  );
}
