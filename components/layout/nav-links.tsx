"use client";

import { Link, usePathname } from "@/lib/i18n/navigation";

export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {links.map(({ href, label }) => {
        const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              className="rounded-md px-3 py-2 text-sm whitespace-nowrap font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-900 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
