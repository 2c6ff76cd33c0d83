import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { NavLinks } from "./nav-links";

/**
 * The site's header. `account` is the sign-in or account link: rendered on the server for
 * pages made per request (AccountLink), asked for by the browser on cached pages
 * (BrowserAccountLink).
 */
export async function SiteHeader({ account }: { account: ReactNode }) {
  const t = await getTranslations("Site");
  return (
    <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/95 backdrop-blur print:static">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="group flex items-center gap-3 rounded">
          <span
            aria-hidden="true"
            className="grid size-9 place-items-center rounded-lg bg-brand-700 text-sm font-bold text-white"
          >
            STI
          </span>
          <span className="flex flex-col leading-tight">
            <span className="font-semibold text-stone-900 group-hover:text-brand-700">{t("name")}</span>
            <span className="hidden text-xs text-stone-600 sm:block">{t("tagline")}</span>
          </span>
        </Link>
        <div className="flex items-center gap-3 print:hidden">
          <nav aria-label={t("mainNav")}>
            <NavLinks
              links={[
                { href: "/", label: t("navHome") },
                { href: "/lectures", label: t("navLectures") },
              ]}
            />
          </nav>
          {account}
        </div>
      </div>
    </header>
  );
}
