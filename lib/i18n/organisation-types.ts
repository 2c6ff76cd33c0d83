import "server-only";
import { getTranslations } from "next-intl/server";
import { ORGANISATION_TYPES } from "@/lib/domain/profile";

/** The kinds of organisation with their labels, in the list's order: a select's options. */
export async function organisationTypeChoices(): Promise<{ value: string; label: string }[]> {
  const t = await getTranslations("OrganisationTypes");
  return ORGANISATION_TYPES.map((value) => ({ value, label: t(value) }));
}
