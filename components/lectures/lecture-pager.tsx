import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

type Neighbour = { slug: string; number: number; meta: { title: string } } | undefined;

// Arrows point the way of reading: mirrored in right-to-left locales.
const Arrow = ({ children }: { children: string }) => (
  <span aria-hidden="true" className="mx-1 inline-block rtl:-scale-x-100">
    {children}
  </span>
);

/** Links to the lectures before and after; `base` is where lectures live ("/lectures", or a cohort's course pages). */
export async function LecturePager({
  previous,
  next,
  base = "/lectures",
}: {
  previous: Neighbour;
  next: Neighbour;
  base?: string;
}) {
  const t = await getTranslations("Lecture");
  const item = (l: NonNullable<Neighbour>, rel: "prev" | "next") => (
    <Link
      href={`${base}/${l.slug}`}
      rel={rel}
      className={`flex h-full flex-col rounded-xl border border-stone-200 bg-white p-4 hover:border-brand-600 ${rel === "next" ? "items-end text-end" : ""}`}
    >
      <span className="text-sm text-stone-600">
        {rel === "prev" && <Arrow>←</Arrow>}
        {t(rel === "prev" ? "previous" : "next")}
        {rel === "next" && <Arrow>→</Arrow>}
      </span>
      <span className="mt-1 font-semibold text-stone-900">{l.meta.title}</span>
    </Link>
  );
  return (
    <nav aria-label={t("pagination")} className="grid gap-4 sm:grid-cols-2 print:hidden">
      <div>{previous && item(previous, "prev")}</div>
      <div>{next && item(next, "next")}</div>
    </nav>
  );
}
