"use client";

import { useEffect, useRef } from "react";

/**
 * The Enrol (or Request a place) button of an invitation or a cohort's public page. With
 * `continuing` (the person pressed it before signing in or completing the profile, and is
 * back), the form sends itself once, and says so; without JavaScript the button still works.
 */
export function EnrolForm({
  action,
  fields,
  label,
  continuing,
}: {
  action: (form: FormData) => Promise<void>;
  /** Hidden fields that say what to enrol in (the invite code, or the cohort's slug). */
  fields: Record<string, string>;
  label: string;
  continuing?: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (!continuing || sent.current) return;
    sent.current = true;
    form.current?.requestSubmit();
  }, [continuing]);
  return (
    <form ref={form} action={action} className="mt-6">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800">
        {label}
      </button>
      {continuing && (
        <p role="status" className="mt-3 text-sm font-medium text-stone-800">
          {continuing}
        </p>
      )}
    </form>
  );
}
