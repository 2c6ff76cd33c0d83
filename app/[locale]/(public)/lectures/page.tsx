import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LectureCard } from "@/components/lectures/lecture-card";
import { getProgramme, listLectures } from "@/lib/content";

export async function generateMetadata({ params }: PageProps<"/[locale]/lectures">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Lectures" });
  return { title: t("metaTitle") };
}

export default async function LecturesPage({ params }: PageProps<"/[locale]/lectures">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Lectures");
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-stone-700">{t("intro", { edition: getProgramme().edition })}</p>
      <ol className="mt-8 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {listLectures().map((lecture) => (
          <li key={lecture.slug}>
            <LectureCard lecture={lecture} headingLevel={2} />
          </li>
        ))}
      </ol>
    </div>
  );
}
