import { defineRouting } from "next-intl/routing";

// Add a locale here and a catalog in messages/: no component changes.
export const routing = defineRouting({
  locales: ["en"],
  defaultLocale: "en",
  localePrefix: "as-needed",
  // No NEXT_LOCALE cookie: the proxy set it on every page, and a page that sets a cookie
  // is not the same for everybody, so no shared cache (lib/http/shared-page-cache.ts, a
  // CDN) could keep it. The locale is in the address (none for the default locale).
  localeCookie: false,
});

export type Locale = (typeof routing.locales)[number];

const RTL = new Set(["ar", "fa", "ur", "he", "ps"]);
export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr";
}
