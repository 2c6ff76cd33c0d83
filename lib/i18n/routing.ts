import { defineRouting } from "next-intl/routing";

// Add a locale here and a catalog in messages/: no component changes.
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
