import { defineRouting } from "next-intl/routing";

// Add a locale here and a catalog in messages/: no component changes. With one locale,
// next.config.js routes every page address to it (rewrites, no proxy, so that cached pages
// cost no more than a static file). A second locale also needs next-intl's proxy, which picks
// each visitor's locale: a proxy.ts of `createMiddleware(routing)` with next-intl's matcher,
// in place of those rewrites (a unit test fails until then).
export const routing = defineRouting({
  locales: ["en"],
  defaultLocale: "en",
  localePrefix: "as-needed",
});

export type Locale = (typeof routing.locales)[number];

const RTL = new Set(["ar", "fa", "ur", "he", "ps"]);
export function directionOf(locale: string): "ltr" | "rtl" {
  return RTL.has(locale.split("-")[0]!) ? "rtl" : "ltr";
}
