"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

const MARKER = new TextEncoder().encode("%PDF-");

/** Occurrences of "%PDF-" in `chunk`, carrying the last bytes over so a marker split between chunks still counts. */
function countMarkers(carry: Uint8Array, chunk: Uint8Array): { count: number; carry: Uint8Array } {
  const bytes = new Uint8Array(carry.length + chunk.length);
  bytes.set(carry);
  bytes.set(chunk, carry.length);
  let count = 0;
  outer: for (let i = 0; i + MARKER.length <= bytes.length; i++) {
    for (let j = 0; j < MARKER.length; j++) if (bytes[i + j] !== MARKER[j]) continue outer;
    count++;
  }
  return { count, carry: bytes.slice(Math.max(0, bytes.length - (MARKER.length - 1))) };
}

/**
 * Admin: downloads the cohort's certificates as one ZIP. The server streams it as the PDFs are
 * rendered (stored, not compressed), so counting PDF headers in the stream gives the progress.
 */
export function ZipDownload({ cohortId, count }: { cohortId: string; count: number }) {
  const t = useTranslations("AdminCertificates");
  const [done, setDone] = useState<number | null>(null);
  const [state, setState] = useState<"idle" | "running" | "finished" | "failed">("idle");

  async function run() {
    setState("running");
    setDone(0);
    try {
      const response = await fetch(`/api/admin/cohorts/${cohortId}/certificates.zip`);
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "certificates.zip";
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let carry: Uint8Array = new Uint8Array(0);
      let seen = 0;
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        parts.push(value);
        const counted = countMarkers(carry, value);
        carry = counted.carry;
        seen += counted.count;
        setDone(Math.min(seen, count));
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "application/zip" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState("finished");
    } catch {
      setState("failed");
    }
  }

  return (
    <div>
      {count === 0 ? (
        <button
          type="button"
          disabled
          className="cursor-not-allowed rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-500"
        >
          {t("zip.button", { count })}
        </button>
      ) : (
        // A link to the file: without JavaScript the browser downloads it; with, the page
        // fetches it itself to show the progress.
        <a
          href={`/api/admin/cohorts/${cohortId}/certificates.zip`}
          download
          aria-disabled={state === "running" || undefined}
          onClick={(event) => {
            event.preventDefault();
            if (state !== "running") void run();
          }}
          className="inline-block rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600 aria-disabled:cursor-not-allowed aria-disabled:text-stone-500"
        >
          {t("zip.button", { count })}
        </a>
      )}
      {done !== null && (
        <div className="mt-3 max-w-md">
          <label htmlFor={`zip-${cohortId}`} className="block text-sm text-stone-800">
            {t("zip.progressLabel")}
          </label>
          <progress id={`zip-${cohortId}`} value={done} max={Math.max(count, 1)} className="h-3 w-full" />
          <p role="status" className="text-sm text-stone-800">
            {state === "finished"
              ? t("zip.done", { count })
              : state === "running"
                ? t("zip.progress", { done, total: count })
                : ""}
          </p>
        </div>
      )}
      {state === "failed" && (
        <p role="alert" className="mt-2 font-medium text-red-800">
          {t("zip.failed")}
        </p>
      )}
    </div>
  );
}
