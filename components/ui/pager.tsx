import { Link } from "@/lib/i18n/navigation";
import { pageNumbers } from "@/lib/domain/paging";

type Query = Record<string, string | string[] | number | undefined>;

const link = "font-medium text-brand-700 underline";
const numbered =
  "inline-flex min-h-9 min-w-9 items-center justify-center rounded-md px-2 font-medium text-brand-700 underline aria-[current=page]:bg-brand-700 aria-[current=page]:text-white aria-[current=page]:no-underline";

/**
 * Previous / page numbers / next, keeping the list's other query parameters, with an optional
 * "Showing 101–200 of 5,000" line. The page numbers show when `pageLabel` names them (for screen
 * readers: "Page 3"); the current one is marked aria-current. `submit`: the links are instead
 * buttons of the enclosing GET form, named by `submit`, so that choices made on the page go
 * along to the next one.
 */
export function Pager(props: {
  pathname: string;
  query: Query;
  page: number;
  pages: number;
  labels: { nav: string; previous: string; next: string; pageOf: string };
  summary?: string;
  pageLabel?: (page: number) => string;
  submit?: string;
}) {
  const { pathname, query, page, pages, labels, summary, pageLabel, submit } = props;
  if (pages <= 1) return summary ? <p className="mt-4 text-stone-700">{summary}</p> : null;
  const to = (p: number, text: string, extra: { className: string; label?: string; current?: boolean }) =>
    submit ? (
      <button
        type="submit"
        name={submit}
        value={p}
        aria-label={extra.label}
        aria-current={extra.current ? "page" : undefined}
        className={extra.className}
      >
        {text}
      </button>
    ) : (
      <Link
        href={{ pathname, query: { ...query, page: p } }}
        aria-label={extra.label}
        aria-current={extra.current ? "page" : undefined}
        className={extra.className}
      >
        {text}
      </Link>
    );
  return (
    <nav aria-label={labels.nav} className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
      {summary && <p className="text-stone-700">{summary}</p>}
      {page > 1 && to(page - 1, labels.previous, { className: link })}
      {pageLabel ? (
        <ul className="flex flex-wrap items-center gap-1">
          {pageNumbers(page, pages).map((p, i) => (
            <li key={p === "gap" ? `gap-${i}` : p}>
              {p === "gap" ? (
                <span aria-hidden="true" className="px-1 text-stone-700">
                  …
                </span>
              ) : (
                to(p, String(p), { className: numbered, label: pageLabel(p), current: p === page })
              )}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-stone-700">{labels.pageOf}</span>
      )}
      {page < pages && to(page + 1, labels.next, { className: link })}
    </nav>
  );
}
