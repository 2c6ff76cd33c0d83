export const accountLinkClass =
  "rounded-md border border-stone-300 px-3 py-2 text-sm font-medium text-stone-800 hover:border-brand-600 hover:text-brand-800";
