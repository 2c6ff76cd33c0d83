"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { issueDueCertificatesAction } from "@/app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions";
import { Link } from "@/lib/i18n/navigation";

type Progress = { done: number; total: number; issued: number };
type SkipReason = "no-name" | "revoked" | "not-eligible";
type Skipped = { userId: string; email: string; reason: SkipReason };
type Result = {
  eligible: number;
  participants: number;
  issued: number;
  noName: number;
  alreadyHeld: number;
  skipped: Skipped[];
};
const REASONS: readonly SkipReason[] = ["no-name", "revoked", "not-eligible"];
/** People listed per reason; the count says how many more there are. */
const LISTED = 50;

/**
 * Admin: issues the cohort's due certificates, showing progress as the server reports it.
 * Issuing runs in the background (a job of the queue): a page opened while a run is under
 * way (`underway`) follows it, and leaving the page does not stop it.
 */
export function BulkIssue({
  cohortId,
  due,
  underway,
  linkPeople,
}: {
  cohortId: string;
  due: number;
  underway: Progress | null;
  /** Whether the viewer has the people pages (admins): each skipped person links to theirs. */
  linkPeople: boolean;
}) {
  const t = useTranslations("AdminCertificates");
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(underway);
  const [result, setResult] = useState<Result | null>(null);
  const [failed, setFailed] = useState<false | "failed" | "still-running">(false);
  const running = progress !== null && result === null && !failed;
  const following = useRef(false);

  useEffect(() => {
    if (underway && !following.current) void run(underway);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for a run under way when the page was opened
  }, []);

  async function run(from: Progress = { done: 0, total: due, issued: 0 }) {
    following.current = true;
    setProgress(from);
    setResult(null);
    setFailed(false);
    try {
      const response = await fetch(`/api/admin/cohorts/${cohortId}/certificates/issue`, { method: "POST" });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as Progress | { result: Result } | { error: string };
          if ("result" in message) setResult(message.result);
          else if ("error" in message) setFailed(message.error === "still-running" ? "still-running" : "failed");
          else setProgress(message);
        }
      }
      router.refresh();
    } catch {
      setFailed("failed");
    }
  }

  return (
    <div>
      {/* Without JavaScript the form starts the run through a server action, and the page shows it. */}
      <form
        action={issueDueCertificatesAction}
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <input type="hidden" name="cohortId" value={cohortId} />
        <button
          type="submit"
          disabled={running || due === 0}
          className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:bg-stone-400"
        >
          {t("bulk.button", { count: due })}
        </button>
      </form>
      {progress && (
        <div className="mt-3 max-w-md">
          <label htmlFor={`bulk-${cohortId}`} className="block text-sm text-stone-800">
            {t("bulk.progressLabel")}
          </label>
          {/* What was issued, not what was looked at: a run that issues nothing ends empty. */}
          <progress
            id={`bulk-${cohortId}`}
            value={result ? result.issued : progress.issued}
            max={Math.max(progress.total, 1)}
            className="h-3 w-full"
          />
          <p role="status" className="text-sm text-stone-800">
            {result
              ? t("bulk.done", { issued: result.issued })
              : failed
                ? ""
                : t("bulk.progress", { issued: progress.issued, total: progress.total })}
          </p>
        </div>
      )}
      {result && result.skipped.length > 0 && <SkippedList skipped={result.skipped} linkPeople={linkPeople} />}
      {failed && (
        <p role="alert" className="mt-2 font-medium text-red-800">
          {t(failed === "still-running" ? "bulk.stillRunning" : "bulk.failed")}
        </p>
      )}
    </div>
  );
}

/** Who bulk issuing skipped, by reason, each person linked to their page. */
function SkippedList({ skipped, linkPeople }: { skipped: readonly Skipped[]; linkPeople: boolean }) {
  const t = useTranslations("AdminCertificates");
  return (
    <section aria-labelledby="bulk-skipped-title" className="mt-3 max-w-xl">
      <h3 id="bulk-skipped-title" className="font-semibold text-stone-900">
        {t("bulk.skippedTitle", { count: skipped.length })}
      </h3>
      {REASONS.map((reason) => {
        const people = skipped.filter((s) => s.reason === reason);
        if (people.length === 0) return null;
        return (
          <div key={reason} className="mt-2">
            <h4 className="text-sm font-medium text-stone-900">
              {t(`bulk.skipped.${reason}`, { count: people.length })}
            </h4>
            <ul className="mt-1 list-disc ps-6 text-sm text-stone-800">
              {people.slice(0, LISTED).map((p) => (
                <li key={p.userId}>
                  {linkPeople ? (
                    <Link href={`/admin/people/${p.userId}`} className="text-brand-800 underline">
                      {p.email}
                    </Link>
                  ) : (
                    p.email
                  )}
                </li>
              ))}
              {people.length > LISTED && <li>{t("bulk.skippedMore", { count: people.length - LISTED })}</li>}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
