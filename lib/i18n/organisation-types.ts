import "server-only";
import { getTranslations } from "next-intl/server";
import { ORGANISATION_TYPES, type OrganisationTypeValue } from "@/lib/domain/profile";

/** The kinds of organisation with their labels, in the list's order: a select's options. */
export async function organisationTypeChoices(): Promise<{ value: string; label: string }[]> {
  const t = await getTranslations("OrganisationTypes");
  // Each key written out, so that the message check finds them all.
  const labels: Record<OrganisationTypeValue, string> = {
    GOVERNMENT: t("GOVERNMENT"),
    UNIVERSITY: t("UNIVERSITY"),
    RESEARCH: t("RESEARCH"),
    BUSINESS: t("BUSINESS"),
    NGO: t("NGO"),
    INTERNATIONAL: t("INTERNATIONAL"),
    OTHER: t("OTHER"),
  };
  return ORGANISATION_TYPES.map((value) => ({ value, label: labels[value] }));
}
