import { getLocale, getTranslations } from "next-intl/server";
import type { Lecture } from "@/lib/content";
import { countryName, readingMinutes } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";

export async function LectureCard({
  lecture,
  headingLevel = 3,
}: {
  lecture: Lecture & { questionCount: number };
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations("Lectures");
  const locale = await getLocale();
  const Heading = `h${headingLevel}` as const;
  const { speaker } = lecture.meta;
  return (
    <article className="relative flex h-full flex-col rounded-xl border border-stone-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow-md focus-within:border-brand-600">
      <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
        {t("lectureNumber", { number: lecture.number })}
      </p>
      <Heading className="mt-2 text-lg font-semibold leading-snug text-stone-900">
        <Link
          href={`/lectures/${lecture.slug}`}
          className="rounded after:absolute after:inset-0 after:rounded-xl hover:text-brand-700"
          aria-label={t("open", { number: lecture.number, title: lecture.meta.title })}
        >
          {lecture.meta.title}
        </Link>
      </Heading>
      <p className="mt-3 line-clamp-4 text-sm text-stone-700">{lecture.meta.summary}</p>
      <div className="mt-auto pt-4 text-sm">
        <p className="font-medium text-stone-900">{speaker.name}</p>
        <p className="text-stone-600">
          {speaker.institution} · {countryName(speaker.country, locale)}
        </p>
        <p className="mt-2 text-xs text-stone-600">
          {t("readingTime", { minutes: readingMinutes(lecture.wordCount) })} ·{" "}
          {t("questions", { count: lecture.questionCount })}
        </p>
      </div>
    </article>
  );
}
