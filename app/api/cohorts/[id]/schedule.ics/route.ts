import { getCurrentUser } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { getOwnCohortSchedule } from "@/lib/db/sessions";
import { buildCalendar } from "@/lib/domain/calendar";
import { slugify } from "@/lib/domain/time";
import { signInRequired } from "@/lib/http/navigation";
import { siteUrl } from "@/lib/http/site-url";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * The cohort's live sessions as an iCalendar file, for a participant with an
 * active place in it; its links are to SITE_URL. Anyone else gets 404, the same as for a cohort that does
 * not exist, so ids cannot be probed.
 */
async function handleGet(request: Request, { params }: RouteContext<"/api/cohorts/[id]/schedule.ics">) {
  const user = await getCurrentUser();
  if (!user) return signInRequired(request);
  const { id } = await params;
  if (id.length > 40) return Response.json({ error: "not-found" }, { status: 404 });
  const cohort = await getOwnCohortSchedule(getDb(), user.id, id);
  if (!cohort) return Response.json({ error: "not-found" }, { status: 404 });
  const origin = siteUrl();
  const ics = buildCalendar({
    name: cohort.name,
    sessions: cohort.sessions.map((s) => {
      const lecture = getLecture(s.lectureSlug)?.lecture;
      return {
        id: s.id,
        title: lecture ? `Lecture ${lecture.number}: ${lecture.meta.title}` : s.lectureSlug,
        description: lecture
          ? `${lecture.meta.speaker.name}, ${lecture.meta.speaker.institution}. ${cohort.name}.`
          : cohort.name,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        url: `${origin}/lectures/${s.lectureSlug}`,
        joinUrl: s.joinUrl,
        updatedAt: s.updatedAt,
      };
    }),
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slugify(cohort.name) || "schedule"}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
