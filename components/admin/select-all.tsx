"use client";

import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * A checkbox that checks or clears every `ids` checkbox of the form `formId`. It needs
 * JavaScript, so it shows only once the page runs it; without, the page offers a link
 * that reloads the list with every box checked.
 */
export function SelectAll({ formId, label }: { formId: string; label: string }) {
  if (!useHydrated()) return null;
  const boxes = () =>
    Array.from(document.getElementById(formId)?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? []);
  return (
    <label className="inline-flex items-center gap-2 font-medium text-stone-900">
      <input
        type="checkbox"
        className="size-5 accent-brand-700"
        onChange={(e) => {
          for (const box of boxes()) box.checked = e.currentTarget.checked;
        }}
      />
      {label}
    </label>
  );
}
