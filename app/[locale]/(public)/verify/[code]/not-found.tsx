import { getTranslations } from "next-intl/server";
import { UnknownCode, type UnknownCodeTexts } from "@/components/verify/unknown-code";
import { routing } from "@/lib/i18n/routing";

// An unknown code is a 404, and Next.js stores no page for it (lib/http/page-cache-handler.cjs).
// The page is rendered without the request's headers, so each locale's texts are named here.
export default async function UnknownCertificate() {
  const entries = await Promise.all(
    routing.locales.map(async (locale): Promise<[string, UnknownCodeTexts]> => {
      const t = await getTranslations({ locale, namespace: "Verify" });
      // The code is put in on the client: the message is formatted with "{code}" standing in for it.
      const notFound = t("notFound", { code: "{code}" });
      return [locale, { title: t("resultTitle"), notFound, tryAnother: t("tryAnother") }];
    }),
  );
  return <UnknownCode texts={Object.fromEntries(entries)} />;
}
