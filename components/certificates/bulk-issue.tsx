"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

type Progress = { done: number; total: number; issued: number };
type Result = { eligible: number; participants: number; issued: number; noName: number; alreadyHeld: number };

/** Admin: issues the cohort's due certificates, showing progress as the server reports it. */
export function BulkIssue({ cohortId, due }: { cohortId: string; due: number }) {
  const t = useTranslations("AdminCertificates");
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failed, setFailed] = useState(false);
  const running = progress !== null && result === null && !failed;

  async function run() {
    setProgress({ done: 0, total: due, issued: 0 });
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
          else if ("error" in message) setFailed(true);
          else setProgress(message);
        }
      }
      router.refresh();
    } catch {
      setFailed(true);
    }
  }

  return (
    <div>
      <button
        type="button"
        onClick={run}
        disabled={running || due === 0}
        className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:bg-stone-400"
      >
        {t("bulk.button", { count: due })}
      </button>
      {progress && (
        <div className="mt-3 max-w-md">
          <label htmlFor={`bulk-${cohortId}`} className="block text-sm text-stone-800">
            {t("bulk.progressLabel")}
          </label>
          <progress
            id={`bulk-${cohortId}`}
            value={progress.done}
            max={Math.max(progress.total, 1)}
            className="h-3 w-full"
          />
          <p role="status" className="text-sm text-stone-800">
            {result
              ? t("bulk.done", { issued: result.issued, noName: result.noName })
              : failed
                ? ""
                : t("bulk.progress", { done: progress.done, total: progress.total })}
          </p>
        </div>
      )}
      {failed && (
        <p role="alert" className="mt-2 font-medium text-red-800">
          {t("bulk.failed")}
        </p>
      )}
    </div>
  );
}
