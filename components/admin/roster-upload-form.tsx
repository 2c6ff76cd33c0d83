"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { uploadRoster, type UploadState } from "@/app/[locale]/(personal)/admin/cohorts/[id]/import/actions";
import { ErrorSummary } from "@/components/ui/form-field";

export function RosterUploadForm({ cohortId }: { cohortId: string }) {
  const t = useTranslations("Roster");
  const [state, action, pending] = useActionState<UploadState, FormData>(uploadRoster, {});
  const error = state.error;
  const message =
    error === "missing-columns" && "missing" in state
      ? t("errors.missing-columns", { missing: state.missing.map((f) => t(`fields.${f}`)).join(", ") })
      : error === "too-large" || error === "too-many-rows"
        ? t(`errors.${error}`, {
            limit: "limit" in state ? (state.limit ?? 0) : 0,
            actual: "actual" in state ? (state.actual ?? 0) : 0,
          })
        : error && t(`errors.${error}` as "errors.empty");
  return (
    <form action={action} className="space-y-4" aria-busy={pending}>
      <input type="hidden" name="cohortId" value={cohortId} />
      {message && <ErrorSummary message={message} result={state} />}
      <div>
        <label htmlFor="file" className="block font-medium text-stone-900">
          {t("fileLabel")}
        </label>
        <p id="file-hint" className="text-sm text-stone-600">
          {t("fileHint")}
        </p>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          required
          aria-describedby="file-hint"
          aria-invalid={message ? true : undefined}
          className="mt-2 block w-full text-stone-900 file:me-4 file:rounded-lg file:border file:border-stone-400 file:bg-white file:px-4 file:py-2 file:font-medium"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("checking") : t("check")}
      </button>
      <p role="status" className="text-sm text-stone-700">
        {pending ? t("checkingStatus") : ""}
      </p>
    </form>
  );
}
