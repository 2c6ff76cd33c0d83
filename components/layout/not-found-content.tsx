// The 404 page's content, under whichever header its route group gives it.
import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

export async function NotFoundContent() {
  const t = await getTranslations("NotFound");
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
      <title>{t("metaTitle")}</title>
      <p className="text-sm font-semibold tracking-wide text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-4 text-stone-700">{t("body")}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-4">
        <Link href="/" className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800">
          {t("home")}
        </Link>
        <Link
          href="/lectures"
          className="rounded-lg border border-stone-300 bg-white px-5 py-2.5 font-medium text-stone-800 hover:border-brand-600"
        >
          {t("lectures")}
        </Link>
      </div>
    </div>
  );
}
