import { Link } from "@/lib/i18n/navigation";

type Query = Record<string, string | number | undefined>;

/** Previous / "page N of M" / next, keeping the list's other query parameters. Nothing when one page is enough. */
export function Pager(props: {
  pathname: string;
  query: Query;
  page: number;
  pages: number;
  labels: { nav: string; previous: string; next: string; pageOf: string };
}) {
  const { pathname, query, page, pages, labels } = props;
  if (pages <= 1) return null;
  const link = "font-medium text-brand-700 underline";
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center gap-4">
      {page > 1 && (
        <Link href={{ pathname, query: { ...query, page: page - 1 } }} className={link}>
          {labels.previous}
        </Link>
      )}
      <span className="text-stone-700">{labels.pageOf}</span>
      {page < pages && (
        <Link href={{ pathname, query: { ...query, page: page + 1 } }} className={link}>
          {labels.next}
        </Link>
      )}
    </nav>
  );
}
