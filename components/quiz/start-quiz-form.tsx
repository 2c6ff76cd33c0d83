"use client";

import { useRef, useState } from "react";
import { startQuiz } from "@/app/[locale]/(personal)/course/[cohortId]/quiz/[slug]/actions";
import { useRouter } from "@/lib/i18n/navigation";
import { sendToParticipantApi } from "@/components/participant-api";

/**
 * The button that starts (or carries on) an attempt. Without JavaScript the form posts to
 * the startQuiz action, which redirects to the attempt. With it, the attempt is started
 * through the quiz's JSON API, as its answers are saved, and the page navigates to it. A
 * server action's redirect makes Next.js fetch the page redirected to from this same
 * server, its whole route tree rendered, after the action's own request: in Chromium the
 * start cost the server 90-100 ms of CPU that way and 50-60 ms this way (`npm run
 * bench:visit`, medians of five runs' visits). An attempt to carry on whose time ran out
 * leads to its result, as the action does. Any other answer (a refusal, a session that
 * ended, a dropped connection) posts the form as a page, for the action to show what happened.
 */
export function StartQuizForm(props: { cohortId: string; slug: string; resume?: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const asPage = useRef(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (asPage.current) return;
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    setPending(true);
    const attemptId = await startThroughApi(props);
    if (attemptId) {
      router.push(`/course/${props.cohortId}/quiz/${props.slug}/attempt/${attemptId}`);
      return;
    }
    asPage.current = true;
    form.requestSubmit();
  }

  return (
    <form action={startQuiz} onSubmit={onSubmit}>
      <input type="hidden" name="cohortId" value={props.cohortId} />
      <input type="hidden" name="slug" value={props.slug} />
      {/* Carrying on names the attempt: should its time run out first, its result is shown instead of a new attempt. */}
      {props.resume && <input type="hidden" name="resume" value={props.resume} />}
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 aria-disabled:cursor-wait"
      >
        {props.label}
      </button>
    </form>
  );
}

/**
 * The attempt to show, through the quiz API: the one started or carried on, or the one to carry
 * on whose time ran out (its result). Null for any other answer.
 */
async function startThroughApi(props: { cohortId: string; slug: string; resume?: string }): Promise<string | null> {
  const answer = await sendToParticipantApi(
    "POST",
    `/api/cohorts/${encodeURIComponent(props.cohortId)}/quizzes/${encodeURIComponent(props.slug)}/attempts`,
    props.resume ? { resume: props.resume } : {},
  );
  if (!answer) return null;
  const { status, body } = answer;
  const shown = status === 200 || status === 201 || body?.error === "expired";
  return shown && typeof body?.attemptId === "string" ? body.attemptId : null;
}
