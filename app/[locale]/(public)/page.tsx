import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { OpenCohorts } from "@/components/cohorts/open-cohorts";
import { LectureCard } from "@/components/lectures/lecture-card";
import { getProgramme, listLectures } from "@/lib/content";
import { listOpenCohorts, type PublicCohort } from "@/lib/db/cohorts";
import { Link } from "@/lib/i18n/navigation";

// The page, open cohorts included, is rendered on its first request (the build has no
// database) and served from the page cache after that. Saving, archiving or deleting a
// cohort, or changing its live sessions, renders it again at once (revalidatePath in the
// cohort and session actions); an enrolment window that opens or closes by the clock, and
// a session that ends, show within a minute. It is the same for every visitor: the
// Enrol buttons lead to each cohort's own page (app/[locale]/cohorts/[slug]).
export const revalidate = 60;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: { absolute: getProgramme().edition } };
}

async function loadCohorts(): Promise<PublicCohort[] | null> {
  try {
    return await listOpenCohorts();
  } catch (err) {
    // The page stays useful without the database; the health check reports it.
    console.error("landing page: cannot list cohorts", err);
    return null;
  }
}

export default async function HomePage({ params }: PageProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Home");
  const format = await getFormatter();
  const programme = getProgramme();
  const lectures = listLectures();
  const cohorts = await loadCohorts();

  return (
    <>
      <section aria-labelledby="programme-title" className="bg-brand-800 text-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 sm:py-20">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-100">
            {t("eyebrow", { edition: programme.edition })}
          </p>
          <h1 id="programme-title" className="mt-3 max-w-4xl text-3xl font-bold leading-tight sm:text-4xl lg:text-5xl">
            {programme.title}
          </h1>
          <p className="mt-6 max-w-3xl text-lg text-brand-50">{programme.description}</p>
          <h2 className="sr-only">{t("facts")}</h2>
          <dl className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {[
              [
                t("date"),
                format.dateTime(new Date(`${programme.date}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" }),
              ],
              [t("format"), programme.format],
              [
                t("participants"),
                t("participantsValue", { participants: programme.participants, countries: programme.countries }),
              ],
              [t("moderator"), programme.moderator],
            ].map(([label, value]) => (
              <div key={label} className="border-s-2 border-accent-500 ps-4">
                <dt className="text-sm text-brand-100">{label}</dt>
                <dd className="mt-1 font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <div className="mx-auto max-w-6xl space-y-16 px-4 py-14 sm:px-6">
        <section id="open-cohorts" aria-labelledby="cohorts-title">
          <h2 id="cohorts-title" className="text-2xl font-bold text-stone-900">
            {t("cohortsTitle")}
          </h2>
          <p className="mt-2 mb-6 text-stone-700">{t("cohortsIntro")}</p>
          <OpenCohorts cohorts={cohorts} />
        </section>

        <section aria-labelledby="lectures-title">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <div>
              <h2 id="lectures-title" className="text-2xl font-bold text-stone-900">
                {t("lecturesTitle")}
              </h2>
              <p className="mt-2 text-stone-700">{t("lecturesIntro")}</p>
            </div>
            <Link href="/lectures" className="rounded font-medium text-brand-700 underline-offset-4 hover:underline">
              {t("allLectures")}
            </Link>
          </div>
          <ul className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
            {lectures.map((lecture) => (
              <li key={lecture.slug}>
                <LectureCard lecture={lecture} />
              </li>
            ))}
          </ul>
        </section>

        <div className="grid gap-10 lg:grid-cols-2">
          <section aria-labelledby="objectives-title">
            <h2 id="objectives-title" className="text-2xl font-bold text-stone-900">
              {t("objectivesTitle")}
            </h2>
            <p className="mt-2 text-stone-700">{t("objectivesIntro")}</p>
            <ol className="mt-4 space-y-3">
              {programme.objectives.map((objective, i) => (
                <li key={objective} className="flex gap-3">
                  <span
                    aria-hidden="true"
                    className="grid size-7 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800"
                  >
                    {i + 1}
                  </span>
                  <span className="text-stone-800">{objective}</span>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="organisers-title">
            <h2 id="organisers-title" className="text-2xl font-bold text-stone-900">
              {t("organisedBy")}
            </h2>
            <ul className="mt-4 space-y-3">
              {programme.organisers.map((o) => (
                <li key={o.shortName} className="rounded-lg border border-stone-200 bg-white p-4">
                  <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">
                    {t("organiserRole", { role: o.role })}
                  </p>
                  <p className="mt-1 font-semibold text-stone-900">
                    {o.name} <span className="font-normal text-stone-600">({o.shortName})</span>
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </div>

        <div className="grid gap-10 lg:grid-cols-2">
          <section aria-labelledby="about-title">
            <h2 id="about-title" className="text-2xl font-bold text-stone-900">
              {t("aboutTitle")}
            </h2>
            {programme.about.map((part) => (
              <div key={part.heading} className="mt-5">
                <h3 className="text-lg font-semibold text-stone-900">{part.heading}</h3>
                <p className="mt-1 text-stone-800">{part.text}</p>
              </div>
            ))}
          </section>
          <section aria-labelledby="remarks-title">
            <h2 id="remarks-title" className="text-2xl font-bold text-stone-900">
              {t("remarksTitle")}
            </h2>
            <ul className="mt-4 space-y-4">
              {programme.remarks.map((r) => (
                <li key={r.speaker} className="rounded-lg border border-stone-200 bg-white p-4">
                  <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">
                    {t("remarksOccasion", { occasion: r.occasion })}
                  </p>
                  <p className="mt-1 font-semibold text-stone-900">
                    {r.speaker} <span className="font-normal text-stone-600">({r.role})</span>
                  </p>
                  <p className="mt-2 text-stone-800">{r.summary}</p>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
