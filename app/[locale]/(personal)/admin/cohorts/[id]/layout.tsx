import type { Metadata } from "next";
import { cohortTitles } from "@/lib/i18n/metadata";

/**
 * The pages under a cohort's admin page name the cohort in their titles ("Participants ·
 * <cohort> · <site>"), so that an organiser with several cohorts open in tabs, or in the
 * browser's history, tells them apart. The cohort's own page (its settings), in this
 * segment, writes its title itself: a layout's template applies only below it.
 */
export async function generateMetadata({ params }: LayoutProps<"/[locale]/admin/cohorts/[id]">): Promise<Metadata> {
  const titles = await cohortTitles((await params).id);
  return titles ? { title: titles } : {};
}

export default function CohortAdminLayout({ children }: LayoutProps<"/[locale]/admin/cohorts/[id]">) {
  return children;
}
