"use client";

import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * A link shown in a read-only field with a button that copies it, for pasting into the
 * meeting's chat. The button needs JavaScript and shows only with it; without, or where the
 * clipboard is refused, the field can still be selected and copied by hand.
 */
export function CopyLink({
  id,
  url,
  label,
  copy,
  copied,
}: {
  id: string;
  url: string;
  label: string;
  copy: string;
  copied: string;
}) {
  const [done, setDone] = useState(false);
  const hydrated = useHydrated();
  return (
    <div className="text-start">
      <label htmlFor={id} className="block font-medium text-stone-900">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block min-w-0 flex-1 rounded-lg border border-stone-400 bg-white px-3 py-2 font-mono text-sm text-stone-900"
        />
        {hydrated && (
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(url).then(
                () => setDone(true),
                () => document.getElementById(id)?.focus(),
              )
            }
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
          >
            {copy}
          </button>
        )}
      </div>
      <p role="status" className="mt-1 min-h-6 text-sm text-green-800">
        {done ? copied : ""}
      </p>
    </div>
  );
}
