"use client";

import { useRef, useState } from "react";
import { checkInSelf } from "@/app/[locale]/(personal)/check-in/[sessionId]/actions";
import { sendToParticipantApi } from "@/components/participant-api";
import { Link, useRouter } from "@/lib/i18n/navigation";
import { CHECK_IN_REFUSALS, type CheckInRefusal } from "@/lib/domain/check-in";

export type CheckInStatus = "PRESENT" | "LATE";

/** The link back to the course, under an outcome that ends the check-in. */
export function ToCourse({ label }: { label: string }) {
  return (
    <p className="mt-6">
      <Link href="/dashboard" className="font-medium text-brand-700 underline">
        {label}
      </Link>
    </p>
  );
}

/** Checked in: what was recorded, and the way back to the course. */
export function CheckedIn({ message, toCourse }: { message: string; toCourse: string }) {
  return (
    <>
      <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
        {message}
      </p>
      <ToCourse label={toCourse} />
    </>
  );
}

/** Why the check-in was refused. */
export function CheckInRefused({ message }: { message: string }) {
  return (
    <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
      {message}
    </p>
  );
}

/**
 * The self check-in form: the code, and the pass a QR link gave the page. Without
 * JavaScript it posts to the checkInSelf action, which redirects to the page with the
 * outcome. With it, the check-in goes through the participant's JSON API and the outcome
 * is shown here, the address updated to the page that shows it, with no further request:
 * at the start of a live session everyone checks in within a few minutes, and a server
 * action's redirect costs the server a second request's work (the page redirected to,
 * rendered whole). Too many tries leads to the page that says how long to wait; any other
 * answer (a session that ended, a dropped connection) posts the form as a page.
 */
export function CheckInForm(props: {
  sessionId: string;
  pass?: string;
  defaultCode: string;
  /** The refusal the page was opened with (after the action's redirect). */
  refused?: CheckInRefusal;
  texts: {
    intro: string;
    code: string;
    submit: string;
    toCourse: string;
    done: Record<CheckInStatus, string>;
    refusals: Record<CheckInRefusal, string>;
  };
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<{ done?: CheckInStatus; refused?: CheckInRefusal }>({
    refused: props.refused,
  });
  const [pending, setPending] = useState(false);
  const asPage = useRef(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const page = `/check-in/${encodeURIComponent(props.sessionId)}`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    if (asPage.current) return;
    e.preventDefault();
    if (pending) return;
    const form = e.currentTarget;
    const code = new FormData(form).get("code");
    setPending(true);
    const answer = await checkInThroughApi(props.sessionId, typeof code === "string" ? code : "", props.pass);
    setPending(false);
    if (answer && "done" in answer) {
      setOutcome(answer);
      window.history.replaceState(null, "", `${page}?done=${answer.done}`);
    } else if (answer?.refused === "rate-limited") {
      router.push(`${page}?error=rate-limited&wait=${answer.wait}`);
    } else if (answer) {
      setOutcome(answer);
      window.history.replaceState(null, "", `${page}?error=${answer.refused}`);
      codeInput.current?.focus();
      codeInput.current?.select();
    } else {
      asPage.current = true;
      form.requestSubmit();
    }
  }

  if (outcome.done) return <CheckedIn message={props.texts.done[outcome.done]} toCourse={props.texts.toCourse} />;
  return (
    <>
      <p className="mt-4 text-stone-700">{props.texts.intro}</p>
      {outcome.refused && <CheckInRefused message={props.texts.refusals[outcome.refused]} />}
      <form action={checkInSelf} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
        <input type="hidden" name="sessionId" value={props.sessionId} />
        {props.pass && <input type="hidden" name="pass" value={props.pass} />}
        <div>
          <label htmlFor="code" className="block font-medium text-stone-900">
            {props.texts.code}
          </label>
          <input
            ref={codeInput}
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            defaultValue={props.defaultCode}
            required
            aria-invalid={outcome.refused === "wrong-code" ? true : undefined}
            className="mt-1 block w-48 rounded-lg border border-stone-400 bg-white px-3 py-2 text-2xl tracking-widest text-stone-900 tabular-nums aria-invalid:border-red-700"
          />
        </div>
        <button
          type="submit"
          aria-disabled={pending}
          className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 aria-disabled:cursor-wait"
        >
          {props.texts.submit}
        </button>
      </form>
    </>
  );
}

type ApiOutcome = { done: CheckInStatus } | { refused: CheckInRefusal; wait?: number };

/** The API's answer as an outcome: checked in, or a refusal this page can show (with the seconds to wait when rate-limited). Null for any other answer. */
async function checkInThroughApi(sessionId: string, code: string, pass?: string): Promise<ApiOutcome | null> {
  const answer = await sendToParticipantApi(
    "POST",
    `/api/sessions/${encodeURIComponent(sessionId)}/check-in`,
    pass ? { code: code.slice(0, 200), pass } : { code: code.slice(0, 200) },
  );
  const body = answer?.body;
  if (!answer || !body) return null;
  if (answer.status === 200 && (body.status === "PRESENT" || body.status === "LATE")) return { done: body.status };
  const refused = CHECK_IN_REFUSALS.find((r) => r === body.error);
  if (refused === "rate-limited")
    return { refused, wait: typeof body.retryAfterSeconds === "number" ? body.retryAfterSeconds : 60 };
  return refused ? { refused } : null;
}
