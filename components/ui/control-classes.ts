// The look of the platform's form controls, in one place for server and client components
// alike. A plain module: a value exported from a "use client" file reaches a server
// component as a client reference, not as the string.

/** A text box, select or text area: its border, padding and colours. */
export const CONTROL = "rounded-lg border border-stone-400 bg-white px-3 py-2 text-stone-900";

/** A full-width control under its label, red-bordered when its value is invalid. */
export const inputClass = `mt-1 block w-full ${CONTROL} aria-invalid:border-red-700`;
