import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

/**
 * What a quiz (or attempt) address answers to someone it is not open to: still a 404, so that
 * it tells nothing of a cohort to those outside it, but one that says why and where to go.
 */
export default async function QuizNotFound() {
  const t = await getTranslations("Quiz.notInCohort");
  return (
    <div className="mx-auto max-w-2xl px-4 py-20 sm:px-6">
      <title>{t("metaTitle")}</title>
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-4 text-stone-800">{t("body")}</p>
      <p className="mt-2 text-stone-800">{t("help")}</p>
      <div className="mt-8 flex flex-wrap gap-4">
        <Link
          href="/dashboard"
          className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
        >
          {t("dashboard")}
        </Link>
        <Link
          href="/"
          className="rounded-lg border border-stone-300 bg-white px-5 py-2.5 font-medium text-stone-800 hover:border-brand-600"
        >
          {t("home")}
        </Link>
      </div>
    </div>
  );
}
