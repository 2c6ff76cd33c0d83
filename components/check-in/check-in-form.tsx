"use client";

import { useRef, useState } from "react";
import { checkInSelf } from "@/app/[locale]/(personal)/check-in/[sessionId]/actions";
import { sendToParticipantApi } from "@/components/participant-api";
import { useRouter } from "@/lib/i18n/navigation";

const REFUSALS = ["not-found", "closed", "wrong-code", "already-marked", "rate-limited"];

/**
 * The self check-in form: the code, and the pass a QR link gave the page. Without
 * JavaScript it posts to the checkInSelf action, which redirects to the page with the
 * outcome. With it, the check-in goes through the participant's JSON API and the page moves
 * to the same outcome itself: at the start of a live session everyone checks in within a
 * few minutes, and a server action's redirect costs the server a second request's work (the
 * page redirected to, rendered whole). Any answer that is neither a check-in nor a refusal
 * the page can show (a session that ended, a dropped connection) posts the form as a page.
 */
export function CheckInForm(props: {
  sessionId: string;
  pass?: string;
  defaultCode: string;
  invalid: boolean;
  labels: { code: string; submit: string };
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const asPage = useRef(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (asPage.current) return;
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    const code = new FormData(form).get("code");
    setPending(true);
    const outcome = await checkInThroughApi(props.sessionId, typeof code === "string" ? code : "", props.pass);
    if (outcome) {
      router.push(`/check-in/${encodeURIComponent(props.sessionId)}?${outcome}`);
      setPending(false);
      return;
    }
    asPage.current = true;
    form.requestSubmit();
  }

  return (
    <form action={checkInSelf} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <input type="hidden" name="sessionId" value={props.sessionId} />
      {props.pass && <input type="hidden" name="pass" value={props.pass} />}
      <div>
        <label htmlFor="code" className="block font-medium text-stone-900">
          {props.labels.code}
        </label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          defaultValue={props.defaultCode}
          required
          aria-invalid={props.invalid ? true : undefined}
          className="mt-1 block w-48 rounded-lg border border-stone-400 bg-white px-3 py-2 text-2xl tracking-widest text-stone-900 tabular-nums aria-invalid:border-red-700"
        />
      </div>
      <button
        type="submit"
        aria-disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 aria-disabled:cursor-wait"
      >
        {props.labels.submit}
      </button>
    </form>
  );
}

/**
 * The check-in page's query for the API's answer, as the action's redirect gives it:
 * `done=<status>`, or `error=<refusal>` (with `wait` in seconds when rate-limited). Null for
 * any other answer.
 */
async function checkInThroughApi(sessionId: string, code: string, pass?: string): Promise<string | null> {
  const answer = await sendToParticipantApi(
    "POST",
    `/api/sessions/${encodeURIComponent(sessionId)}/check-in`,
    pass ? { code: code.slice(0, 200), pass } : { code: code.slice(0, 200) },
  );
  const body = answer?.body;
  if (!answer || !body) return null;
  if (answer.status === 200 && (body.status === "PRESENT" || body.status === "LATE"))
    return new URLSearchParams({ done: body.status }).toString();
  if (typeof body.error !== "string" || !REFUSALS.includes(body.error)) return null;
  const query = new URLSearchParams({ error: body.error });
  if (body.error === "rate-limited") query.set("wait", String(body.retryAfterSeconds ?? 60));
  return query.toString();
}
