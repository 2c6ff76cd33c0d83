import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { EnrolForm } from "@/components/enrol/enrol-form";
import { hasEnrolIntent } from "@/lib/auth/enrol-intent";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getInvitation } from "@/lib/db/enrolments";
import { Link } from "@/lib/i18n/navigation";
import { enrol } from "./actions";

const OUTCOMES = [
  "enrolled",
  "requested",
  "already-enrolled",
  "already-requested",
  "rejected",
  "invite-only",
  "full",
  "closed",
  "not-yet-open",
  "archived",
] as const;
const ZOutcome = z.enum(OUTCOMES);

export async function generateMetadata(): Promise<Metadata> {
  return { robots: { index: false } };
}

export default async function EnrolPage({ params, searchParams }: PageProps<"/[locale]/enrol/[code]">) {
  const { locale, code } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("Enrol");
  const format = await getFormatter();
  const query = await searchParams;
  const invitation = /^[0-9a-f]{32}$/.test(code) ? await getInvitation(getDb(), code) : null;
  const outcome = ZOutcome.safeParse(query.outcome);

  if (!invitation || query.outcome === "invalid-code") notFound();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  if (outcome.success) {
    const key = outcome.data;
    const opens = invitation.enrolmentOpensAt
      ? format.dateTime(invitation.enrolmentOpensAt, {
          dateStyle: "long",
          timeStyle: "short",
          timeZone: invitation.timeZone,
        })
      : "";
    return (
      <Panel title={t(`outcomes.${key}.title`)}>
        <title>{t(`outcomes.${key}.title`)}</title>
        <p className="mt-4 text-stone-700">{t(`outcomes.${key}.body`, { cohort: invitation.name, opens })}</p>
        <p className="mt-8">
          <Link
            href="/dashboard"
            className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
          >
            {t("toAccount")}
          </Link>
        </p>
      </Panel>
    );
  }
  const user = await getCurrentUser();
  // Back from signing in or from the profile after pressing Enrol here: carry on.
  const continuing = user !== undefined && (await hasEnrolIntent(code));
  const firstSteps = !user
    ? t("signInFirst")
    : user.role === "PARTICIPANT" && !user.profileComplete
      ? t("profileFirst")
      : undefined;
  return (
    <Panel title={invitation.name} eyebrow={t("invitedTo")}>
      <title>{invitation.name}</title>
      <p className="mt-2 text-stone-600">
        {t("dates", { start: day(invitation.startsOn), end: day(invitation.endsOn) })}
      </p>
      {invitation.description && <p className="mt-4 text-stone-700">{invitation.description}</p>}
      <p className="mt-6 font-medium text-stone-900">{t(`mode${invitation.enrolmentMode}`)}</p>
      <EnrolForm
        action={enrol}
        code={code}
        label={invitation.enrolmentMode === "APPROVAL" ? t("request") : t("enrol")}
        continuing={continuing ? t("continuing") : undefined}
      />
      {!continuing && firstSteps && <p className="mt-3 text-sm text-stone-600">{firstSteps}</p>}
    </Panel>
  );
}

function Panel({ title, eyebrow, children }: { title: string; eyebrow?: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      {eyebrow && <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{eyebrow}</p>}
      <h1 className="mt-2 text-3xl font-bold text-stone-900">{title}</h1>
      {children}
    </div>
  );
}
