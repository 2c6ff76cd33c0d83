import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LectureArticle } from "@/components/lectures/lecture-article";
import { LecturePager } from "@/components/lectures/lecture-pager";
import { getLecture, listLectures } from "@/lib/content";
import { Link } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";

// Every lecture is rendered at build time; any other slug is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return routing.locales.flatMap((locale) => listLectures().map((l) => ({ locale, slug: l.slug })));
}

export async function generateMetadata({ params }: PageProps<"/[locale]/lectures/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const found = getLecture(slug);
  if (!found) return {};
  return { title: found.lecture.meta.title, description: found.lecture.meta.summary };
}

export default async function LecturePage({ params }: PageProps<"/[locale]/lectures/[slug]">) {
  const { locale, slug } = await params;
  setRequestLocale(locale);
  const found = getLecture(slug);
  if (!found) notFound();
  const { lecture, previous, next } = found;
  const t = await getTranslations("Lecture");
  const tn = await getTranslations("Site");

  return (
    <LectureArticle
      lecture={lecture}
      locale={locale}
      back={{ href: "/lectures", label: tn("navLectures") }}
      end={
        <>
          {/* The same for everyone: the page is prerendered and served from a shared cache. */}
          <section aria-labelledby="quiz-title" className="rounded-xl border border-stone-200 bg-white p-6">
            <h2 id="quiz-title" className="text-lg font-semibold text-stone-900">
              {t("quizTitle")}
            </h2>
            <p className="mt-1 text-stone-700">{t("quizInfo", { count: lecture.questionCount })}</p>
            <p className="mt-3">
              <Link href="/dashboard" className="font-medium text-brand-700 underline">
                {t("courseLink")}
              </Link>
            </p>
          </section>
          <LecturePager previous={previous} next={next} />
        </>
      }
    />
  );
}
