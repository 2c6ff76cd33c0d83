import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CohortHeader } from "@/components/admin/cohort-header";
import { SessionForm } from "@/components/admin/session-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireCohortManager } from "@/lib/auth/session";
import { listLectures } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { getCohortSession } from "@/lib/db/sessions";
import { toDateInput, utcToZonedInput } from "@/lib/domain/time";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";

export const generateMetadata = () => privatePageMetadata("AdminSessions", "editTitle");

export default async function EditSessionPage({
  params,
}: PageProps<"/[locale]/admin/cohorts/[id]/sessions/[sessionId]">) {
  const { locale, id, sessionId } = await params;
  setRequestLocale(locale);
  await requireCohortManager(id, `/admin/cohorts/${id}/sessions/${sessionId}`);
  const db = getDb();
  const cohort = await getCohortForAdmin(db, id);
  if (!cohort) notFound();
  const session = await getCohortSession(db, cohort.id, sessionId);
  if (!session) notFound();
  const t = await getTranslations("AdminSessions");
  const lectures = listLectures().map((l) => ({
    slug: l.slug,
    label: t("lectureOption", { number: l.number, title: l.meta.title }),
  }));
  const start = utcToZonedInput(session.startsAt, cohort.timeZone);
  const end = utcToZonedInput(session.endsAt, cohort.timeZone);
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="sessions" />
      <section aria-labelledby="edit-title" className="mt-8 max-w-2xl rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="edit-title" className="text-xl font-semibold text-stone-900">
          {t("editTitle")}
        </h2>
        <div className="mt-4">
          <ClientMessages namespaces={["AdminSessions"]}>
            <SessionForm
              cohortId={cohort.id}
              sessionId={session.id}
              timeZone={cohort.timeZone}
              firstDay={toDateInput(cohort.startsOn)}
              lastDay={toDateInput(cohort.endsOn)}
              lectures={lectures}
              initial={{
                lectureSlug: session.lectureSlug,
                date: start.slice(0, 10),
                startTime: start.slice(11),
                endTime: end.slice(11),
                joinUrl: session.joinUrl ?? "",
              }}
            />
          </ClientMessages>
        </div>
        <p className="mt-6">
          <Link href={`/admin/cohorts/${cohort.id}/sessions`} className="font-medium text-brand-700 underline">
            {t("backToSchedule")}
          </Link>
        </p>
      </section>
    </div>
  );
}
