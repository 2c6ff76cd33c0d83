// The organisers' contact address, shown in the footer, on the help page and in every
// message that tells people to contact the organisers. CONTACT_EMAIL sets it; without it,
// the admin account's address (ADMIN_EMAIL) stands in, so a fresh install names someone
// who can act rather than nobody.
import { z } from "zod";

const ZEmail = z.email();
const FALLBACK = "admin@example.org";

/** The first of CONTACT_EMAIL, ADMIN_EMAIL that is an e-mail address, else the seed admin's default. */
export function organisersEmail(env: Record<string, string | undefined> = process.env): string {
  for (const value of [env.CONTACT_EMAIL, env.ADMIN_EMAIL]) {
    const parsed = ZEmail.safeParse(value?.trim());
    if (parsed.success) return parsed.data;
  }
  return FALLBACK;
}
