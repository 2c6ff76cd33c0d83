import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

type Query = Record<string, string | number | undefined>;

/**
 * An action of a long list's row that asks before it acts (withdraw, revoke, move…). Its link
 * shows the same page again with `confirm=<kind>:<id>`, and only that row renders the
 * confirmation form: a page of 50 rows carries one form instead of 50 × each action's, and it
 * works without JavaScript. The link lands on the form (`#confirm`).
 */
export function ConfirmLink(props: {
  pathname: string;
  query: Query;
  confirm: string;
  /** The row's person or item, read after the action's name by screen readers. */
  subject: string;
  tone?: "danger" | "normal";
  children: ReactNode;
}) {
  const { pathname, query, confirm, subject, tone = "danger", children } = props;
  return (
    <Link
      href={{ pathname, query: { ...query, confirm }, hash: "confirm" }}
      className={tone === "danger" ? "font-medium text-red-800 underline" : "font-medium text-brand-800 underline"}
    >
      {children}
      <span className="sr-only"> {subject}</span>
    </Link>
  );
}

/** The confirmation a ConfirmLink opened, in its row, with a way back that changes nothing. */
export function ConfirmPanel(props: { pathname: string; query: Query; cancel: string; children: ReactNode }) {
  const { pathname, query, cancel, children } = props;
  return (
    <div id="confirm" className="mt-2 max-w-72 space-y-2 rounded-lg border border-stone-300 bg-stone-50 p-3">
      {children}
      <Link href={{ pathname, query }} className="inline-block font-medium text-brand-800 underline">
        {cancel}
      </Link>
    </div>
  );
}
