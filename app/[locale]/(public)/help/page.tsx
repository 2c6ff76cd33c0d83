import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { contactTag } from "@/components/layout/contact-link";
import { SIGN_IN_MINUTES } from "@/lib/auth/codes";
import { Link } from "@/lib/i18n/navigation";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Help");
  return { title: t("title") };
}

const TOPICS = ["signIn", "quizzes", "attendance", "certificates"] as const;

/** How the course works, for participants, and what to do when stuck. The same for everyone. */
export default async function HelpPage({ params }: PageProps<"/[locale]/help">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Help");
  const tags = {
    ...contactTag,
    minutes: SIGN_IN_MINUTES,
    home: (chunks: ReactNode) => <HelpLink href="/#open-cohorts">{chunks}</HelpLink>,
    dashboard: (chunks: ReactNode) => <HelpLink href="/dashboard">{chunks}</HelpLink>,
    profile: (chunks: ReactNode) => <HelpLink href="/profile">{chunks}</HelpLink>,
    verify: (chunks: ReactNode) => <HelpLink href="/verify">{chunks}</HelpLink>,
  };
  return (
    <div className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-3 text-lg text-stone-700">{t.rich("intro", tags)}</p>
      <nav aria-labelledby="help-topics" className="mt-8">
        <h2 id="help-topics" className="text-sm font-semibold uppercase tracking-wide text-stone-700">
          {t("topics")}
        </h2>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          {[...TOPICS, "stuck" as const].map((topic) => (
            <li key={topic}>
              <a href={`#${topic}`} className="font-medium text-brand-700 underline">
                {t(`${topic}.title`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {TOPICS.map((topic) => (
        <section key={topic} id={topic} aria-labelledby={`${topic}-title`} className="mt-10">
          <h2 id={`${topic}-title`} className="text-2xl font-semibold text-stone-900">
            {t(`${topic}.title`)}
          </h2>
          <ul className="mt-3 list-disc space-y-2 ps-6 text-stone-800">
            {(["one", "two", "three"] as const).map((n) => (
              <li key={n}>{t.rich(`${topic}.${n}`, tags)}</li>
            ))}
          </ul>
        </section>
      ))}
      <section
        id="stuck"
        aria-labelledby="stuck-title"
        className="mt-10 rounded-xl border border-brand-100 bg-white p-6"
      >
        <h2 id="stuck-title" className="text-2xl font-semibold text-stone-900">
          {t("stuck.title")}
        </h2>
        <ul className="mt-3 list-disc space-y-2 ps-6 text-stone-800">
          {(["one", "two", "three"] as const).map((n) => (
            <li key={n}>{t.rich(`stuck.${n}`, tags)}</li>
          ))}
        </ul>
        <p className="mt-4 font-medium text-stone-900">{t.rich("stuck.contact", tags)}</p>
      </section>
    </div>
  );
}

function HelpLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-brand-700 underline">
      {children}
    </Link>
  );
}
