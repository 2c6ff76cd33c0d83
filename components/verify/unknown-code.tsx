"use client";

import { useLocale } from "next-intl";
import { usePathname } from "next/navigation";
import { Link } from "@/lib/i18n/navigation";

export type UnknownCodeTexts = { title: string; notFound: string; tryAnother: string };

/**
 * The page of a code no certificate has. The not-found page of /verify/<code> has no
 * parameters and must not read the request (the page is cached): the code comes from the
 * address, and the texts of every locale from the server.
 */
export function UnknownCode({ texts }: { texts: Record<string, UnknownCodeTexts> }) {
  const locale = useLocale();
  const t = texts[locale] ?? Object.values(texts)[0]!;
  const last = (usePathname() ?? "").split("/").pop() ?? "";
  let code = last;
  try {
    code = decodeURIComponent(last);
  } catch {
    // a malformed %-escape is shown as typed
  }
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <title>{t.title}</title>
      <h1 className="text-3xl font-bold text-stone-900">{t.title}</h1>
      <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
        {t.notFound.replace("{code}", code.slice(0, 40))}
      </p>
      <p className="mt-6">
        <Link href="/verify" className="font-medium text-brand-700 underline">
          {t.tryAnother}
        </Link>
      </p>
    </div>
  );
}
