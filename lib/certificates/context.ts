// What issuing and rendering need from the programme and the deployment.
import "server-only";
import { getProgramme, listLectures } from "@/lib/content";
import type { IssueContext } from "@/lib/db/certificate-issue";
import { requestOrigin } from "@/lib/http/origin";

/**
 * The address credentials and QR codes point to. Signed credentials keep it for good,
 * so a deployment sets SITE_URL; without it, the address this request came in on
 * (`fromRequest` where the caller read it, as pages/api does, or Next's headers()).
 */
export async function publicOrigin(fromRequest?: string): Promise<string> {
  const configured = process.env.SITE_URL?.trim().replace(/\/+$/, "");
  return configured || fromRequest || (await requestOrigin());
}

export function issuerName(): string {
  return "BTBU-ECOSF Joint Training Center";
}

export async function issueContext(fromRequest?: string): Promise<IssueContext> {
  const programme = getProgramme();
  return {
    origin: await publicOrigin(fromRequest),
    issuerName: issuerName(),
    achievement: {
      name: `${programme.edition}: ${programme.shortTitle}`,
      description: programme.description,
      criteria: `Attended the live lectures of the ${programme.edition} on "${programme.title}" and passed each lecture's quiz, as the cohort's certificate rule required.`,
    },
    lectures: listLectures().map((l) => ({ slug: l.slug, number: l.number })),
  };
}
