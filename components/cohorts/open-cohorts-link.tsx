import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

/** For next-intl's t.rich: the message's <cohorts>…</cohorts> becomes a link to the landing page's open cohorts. */
export const openCohortsTag = {
  cohorts: (chunks: ReactNode) => (
    <Link href="/#open-cohorts" className="font-medium text-brand-700 underline">
      {chunks}
    </Link>
  ),
};
