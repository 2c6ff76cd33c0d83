"use server";

import { getLocale } from "next-intl/server";
import { requireCompleteProfile } from "@/lib/auth/session";
import { getLecture } from "@/lib/content";
import { getDb } from "@/lib/db";
import { setLectureStudied } from "@/lib/db/lecture-marks";
import { redirect } from "@/lib/i18n/navigation";
import { lectureMarkInput, ZLectureMark } from "@/lib/schemas/lecture-mark";

/**
 * The participant marks a lecture of their cohort as studied, or takes the mark back.
 * Only ever for themselves, in a cohort where they hold an active place; repeating it
 * changes nothing. Back on the lecture page, at the mark, with what happened.
 */
export async function markLectureStudied(form: FormData) {
  const locale = await getLocale();
  const raw = lectureMarkInput(form);
  const input = ZLectureMark.safeParse(raw);
  if (!input.success || !getLecture(input.data.slug)) {
    // Back to the lecture the form came from when its address is sound, else to the course.
    const place = ZLectureMark.pick({ cohortId: true, slug: true }).safeParse({
      cohortId: raw.cohortId,
      slug: raw.slug,
    });
    const back =
      place.success && getLecture(place.data.slug) && `/course/${place.data.cohortId}/lectures/${place.data.slug}`;
    await requireCompleteProfile(back || "/dashboard");
    return redirect({ href: back ? `${back}?error=invalid#studied-title` : "/dashboard", locale });
  }
  const { cohortId, slug, studied } = input.data;
  const page = `/course/${cohortId}/lectures/${slug}`;
  const user = await requireCompleteProfile(page);
  const result = await setLectureStudied(getDb(), { userId: user.id, cohortId, lectureSlug: slug, studied });
  const query = result.ok ? `saved=${studied ? "marked" : "unmarked"}` : `error=${result.error}`;
  redirect({ href: `${page}?${query}#studied-title`, locale });
}
