import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { KeyFiguresTable } from "@/components/lectures/key-figures-table";
import type { Lecture } from "@/lib/content";
import { countryName, readingMinutes } from "@/lib/i18n/format";
import { Link } from "@/lib/i18n/navigation";
import { readingPdfPath } from "@/lib/readings";

/**
 * A lecture's reading as every lecture page shows it: header, objectives, key figures,
 * sections and their table of contents, under a breadcrumb from the page it was reached
 * from (`back`). The page puts what follows the reading (quiz, progress, pager) in `end`:
 * the public page and a participant's course page share everything else.
 */
export async function LectureArticle({
  lecture,
  locale,
  back,
  end,
}: {
  lecture: Lecture;
  locale: string;
  back: { href: string; label: string };
  end: ReactNode;
}) {
  const { meta } = lecture;
  const t = await getTranslations("Lecture");
  const tl = await getTranslations("Lectures");
  const pdf = readingPdfPath(lecture.slug);
  return (
    <article className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <nav aria-label={t("breadcrumb")} className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-2">
          <li>
            <Link href={back.href} className="rounded underline-offset-4 hover:text-brand-700 hover:underline">
              {back.label}
            </Link>
            <span aria-hidden="true" className="ms-2">
              /
            </span>
          </li>
          <li aria-current="page">{tl("lectureNumber", { number: lecture.number })}</li>
        </ol>
      </nav>

      <header className="mt-4 max-w-4xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
          {tl("lectureNumber", { number: lecture.number })}
        </p>
        <h1 className="mt-2 text-3xl font-bold leading-tight text-stone-900 sm:text-4xl">{meta.title}</h1>
        <p className="mt-4 text-lg text-stone-700">{meta.summary}</p>
        <dl className="mt-6 flex flex-wrap gap-x-10 gap-y-3 text-sm">
          <div>
            <dt className="text-stone-600">{t("speaker")}</dt>
            <dd className="font-semibold text-stone-900">{meta.speaker.name}</dd>
            <dd className="text-stone-700">
              {tl("speakerFrom", { role: meta.speaker.role, institution: meta.speaker.institution })}
            </dd>
          </div>
          <div>
            <dt className="text-stone-600">{t("country")}</dt>
            <dd className="font-semibold text-stone-900">{countryName(meta.speaker.country, locale)}</dd>
            <dd className="text-stone-700">{tl("readingTime", { minutes: readingMinutes(lecture.wordCount) })}</dd>
          </div>
        </dl>
        {pdf && (
          <p className="mt-6 text-sm print:hidden">
            {/* A plain link: the file is served by a route handler, not a page. */}
            <a href={pdf} download className="font-medium text-brand-700 underline">
              {t("readingPdf")}
            </a>
            <span className="ms-2 text-stone-700">{t("readingPdfHint")}</span>
          </p>
        )}
      </header>

      <div className="mt-10 grid gap-10 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-10">
          <section aria-labelledby="objectives-title" className="rounded-xl border border-brand-100 bg-brand-50 p-6">
            <h2 id="objectives-title" className="text-lg font-semibold text-brand-900">
              {t("objectivesTitle")}
            </h2>
            <p className="mt-1 text-sm text-stone-700">{t("objectivesIntro")}</p>
            <ul className="mt-3 list-disc space-y-2 ps-5 text-stone-800 marker:text-brand-600">
              {meta.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </section>

          <KeyFiguresTable figures={meta.keyFigures} captionId="key-figures-table" />

          <p className="text-sm text-stone-700">{t("courseNoteHint")}</p>

          {lecture.sections.map((section) => (
            <section
              key={section.id}
              aria-labelledby={section.id}
              className="prose prose-stone max-w-none prose-headings:scroll-mt-24 prose-a:text-brand-700"
            >
              <h2 id={section.id}>{section.title}</h2>
              <div dangerouslySetInnerHTML={{ __html: section.html }} />
            </section>
          ))}

          <section aria-labelledby="takeaways" className="rounded-xl border border-brand-100 bg-brand-50 p-6">
            <h2 id="takeaways" className="scroll-mt-24 text-lg font-semibold text-brand-900">
              {t("takeawaysTitle")}
            </h2>
            <ul className="mt-3 list-disc space-y-2 ps-5 text-stone-800 marker:text-brand-600">
              {meta.takeaways.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="glossary">
            <h2 id="glossary" className="scroll-mt-24 text-2xl font-bold text-stone-900">
              {t("glossaryTitle")}
            </h2>
            <dl className="mt-4 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
              {meta.glossary.map((entry) => (
                <div key={entry.term} className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
                  <dt className="font-semibold text-stone-900">{entry.term}</dt>
                  <dd className="text-stone-800">{entry.definition}</dd>
                </div>
              ))}
            </dl>
          </section>

          {meta.furtherReading && (
            <section aria-labelledby="further-reading">
              <h2 id="further-reading" className="scroll-mt-24 text-2xl font-bold text-stone-900">
                {t("furtherReadingTitle")}
              </h2>
              <p className="mt-1 text-stone-700">{t("furtherReadingIntro")}</p>
              <ul className="mt-4 space-y-3">
                {meta.furtherReading.map((item) => (
                  <li key={item.title} className="text-stone-800">
                    {item.url ? (
                      <a href={item.url} className="font-medium text-brand-700 underline" rel="noopener">
                        {item.title}
                      </a>
                    ) : (
                      <span className="font-medium text-stone-900">{item.title}</span>
                    )}
                    {item.publisher && <span className="text-stone-700">, {item.publisher}</span>}
                    {item.note && <p className="text-sm text-stone-700">{item.note}</p>}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {end}
        </div>

        <aside className="order-first lg:order-last print:hidden">
          <nav
            aria-labelledby="toc-title"
            className="rounded-xl border border-stone-200 bg-white p-5 lg:sticky lg:top-24"
          >
            <h2 id="toc-title" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
              {t("contents")}
            </h2>
            <ol className="mt-3 space-y-2 text-sm">
              {[
                ...lecture.sections.map((s) => ({ id: s.id, title: s.title })),
                { id: "takeaways", title: t("takeawaysTitle") },
                { id: "glossary", title: t("glossaryTitle") },
                ...(meta.furtherReading ? [{ id: "further-reading", title: t("furtherReadingTitle") }] : []),
              ].map((s) => (
                <li key={s.id}>
                  <a
                    href={`#${s.id}`}
                    className="rounded text-stone-800 underline-offset-4 hover:text-brand-700 hover:underline"
                  >
                    {s.title}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
        </aside>
      </div>
    </article>
  );
}
