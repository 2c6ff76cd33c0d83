import { getTranslations } from "next-intl/server";
import { NavLinks } from "@/components/layout/nav-links";
import { getCurrentUser } from "@/lib/auth/session";

/**
 * The admin area's navigation. Admins see every section, organisers only their cohorts;
 * each page still checks the role itself (a participant gets the 404 page, without this bar).
 */
export default async function AdminLayout({ children }: LayoutProps<"/[locale]/admin">) {
  const user = await getCurrentUser();
  if (user?.role !== "ADMIN" && user?.role !== "ORGANISER") return children;
  const t = await getTranslations("Admin");
  const admin = user.role === "ADMIN";
  return (
    <>
      <div className="border-b border-stone-200 bg-stone-50 print:hidden">
        <nav aria-label={t("nav")} className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 py-2 sm:px-6">
          <span className="text-sm font-semibold text-stone-700">{admin ? t("label") : t("labelOrganiser")}</span>
          <NavLinks
            links={
              admin
                ? [
                    { href: "/admin/cohorts", label: t("cohorts") },
                    { href: "/admin/report", label: t("report") },
                    { href: "/admin/people", label: t("people") },
                    { href: "/admin/outbox", label: t("outbox") },
                    { href: "/admin/audit", label: t("audit") },
                  ]
                : [{ href: "/admin/cohorts", label: t("cohorts") }]
            }
          />
        </nav>
      </div>
      {children}
    </>
  );
}
