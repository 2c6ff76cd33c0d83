// Paging of long admin lists: reading the page and search from a URL, and the arithmetic of
// which rows a page holds. The query does the paging in SQL with `skip` / `take` from here.
import { z } from "zod";

/**
 * Rows per page of the admin lists of people. A register row carries four radios and a note:
 * 50 keep a page of it near 100 KB and quick to read with a screen reader's list of form fields.
 */
export const PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

/** A page number from a URL: anything that is not a whole number from 1 up reads as page 1. */
export const ZPage = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1);

/** A search from a URL: trimmed, inner runs of spaces made one, at most 100 characters; empty when absent. */
export const ZSearch = z
  .string()
  .catch("")
  .default("")
  .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, 100));

/** Next's searchParams as plain strings: the first of a repeated parameter. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export type PageWindow = {
  /** The page shown: the one asked for, or the last one when it asked past the end. */
  page: number;
  pages: number;
  pageSize: number;
  total: number;
  skip: number;
  take: number;
  /** 1-based positions of the first and last row shown; both 0 when there is none. */
  from: number;
  to: number;
};

export function pageWindow(requested: number, total: number, pageSize = PAGE_SIZE): PageWindow {
  const size = Math.max(1, Math.floor(pageSize));
  const count = Math.max(0, Math.floor(total));
  const pages = Math.max(1, Math.ceil(count / size));
  const asked = Number.isFinite(requested) ? Math.floor(requested) : 1;
  const page = Math.min(Math.max(1, asked), pages);
  const skip = (page - 1) * size;
  return {
    page,
    pages,
    pageSize: size,
    total: count,
    skip,
    take: size,
    from: count === 0 ? 0 : skip + 1,
    to: Math.min(skip + size, count),
  };
}

/**
 * The page numbers a pager links to: the first, the last, and `around` either side of the current
 * one, with "gap" where numbers are left out (1 … 4 5 6 … 50).
 */
export function pageNumbers(page: number, pages: number, around = 1): (number | "gap")[] {
  const shown = new Set([1, pages]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const p of sorted) {
    const last = out.at(-1);
    if (typeof last === "number" && p - last > 1) out.push(p - last === 2 ? p - 1 : "gap");
    out.push(p);
  }
  return out;
}

/**
 * The row whose confirmation a long list shows (`confirm=<kind>:<id>` in its URL, see
 * components/admin/row-confirm.tsx), when `kind` is one of `kinds`; undefined otherwise.
 */
export function parseConfirm<K extends string>(
  value: string | string[] | undefined,
  kinds: readonly K[],
): { kind: K; id: string } | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const match = /^([a-z-]{1,20}):([\w-]{1,60})$/.exec(raw ?? "");
  if (!match || !(kinds as readonly string[]).includes(match[1]!)) return undefined;
  return { kind: match[1] as K, id: match[2]! };
}
