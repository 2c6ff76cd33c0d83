// What issuing and rendering need from the programme and the deployment.
import "server-only";
import { getProgramme, listLectures } from "@/lib/content";
import type { IssueContext } from "@/lib/db/certificate-issue";
import { siteUrl } from "@/lib/http/site-url";

/**
 * The address credentials and QR codes point to: the configured public address
 * (SITE_URL), never one read from a request. Signed credentials keep it for good.
 */
export async function publicOrigin(): Promise<string> {
  return siteUrl();
}

export function issuerName(): string {
  return "BTBU-ECOSF Joint Training Center";
}

/** What a certificate is issued with: the public address, the issuer, the achievement, the lectures. */
export async function issueContext(): Promise<IssueContext> {
  const programme = getProgramme();
  return {
    origin: await publicOrigin(),
    issuerName: issuerName(),
    achievement: {
      name: `${programme.edition}: ${programme.shortTitle}`,
      description: programme.description,
      criteria: `Attended the live lectures of the ${programme.edition} on "${programme.title}" and passed each lecture's quiz, as the cohort's certificate rule required.`,
    },
    lectures: listLectures().map((l) => ({ slug: l.slug, number: l.number })),
  };
}
