"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";

/** The confirm button: says the import is running while the server applies it. */
export function RosterConfirmButton({ label }: { label: string }) {
  const t = useTranslations("Roster");
  const { pending } = useFormStatus();
  return (
    <>
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("importing") : label}
      </button>
      <p role="status" className="mt-2 text-sm text-stone-700">
        {pending ? t("importingStatus") : ""}
      </p>
    </>
  );
}
