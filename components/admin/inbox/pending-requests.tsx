import { getTranslations } from "next-intl/server";
import type { InboxCounts } from "@/lib/db/inbox";
import { Link } from "@/lib/i18n/navigation";

/**
 * A cohort's pending enrolment and excuse requests, linked to its inbox. The link says
 * what the numbers count ("2 enrolment requests, 1 excuse request pending"), not a bare
 * number, and, for a screen reader's list of links, of which cohort.
 */
export async function PendingRequests({
  cohort,
  counts = { enrolments: 0, excuses: 0 },
}: {
  cohort: { id: string; name: string };
  counts?: InboxCounts;
}) {
  const t = await getTranslations("AdminCohorts");
  return (
    <Link href={`/admin/cohorts/${cohort.id}/inbox`} className="font-medium text-brand-700 underline">
      {t("pendingCounts", counts)}
      <span className="sr-only"> ({cohort.name})</span>
    </Link>
  );
}
