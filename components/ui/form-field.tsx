"use client";

import { startTransition, useEffect, useRef } from "react";

export { inputClass } from "@/components/ui/control-classes";

export type ControlProps = { id: string; name: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with its hint and its error beside it, wired for screen readers. */
export function FormField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const { name, label, hint, error } = props;
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={name} className="block font-medium text-stone-900">
        {label}
      </label>
      {hint && (
        <p id={`${name}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      )}
      {props.children({ id: name, name, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** Says how many fields need attention, and takes the focus each time the form comes back with errors. */
export function ErrorSummary({ message, result }: { message: string; result: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900"
    >
      {message}
    </div>
  );
}

/**
 * A form's onSubmit that runs its action by hand, so that a refused submission leaves the
 * form as the person left it (React resets a form after its action runs). Keep `action` on
 * the form too: without JavaScript it posts as usual.
 */
export function submitKeepingValues(action: (data: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
