// "This browser pressed Enrol on this cohort": kept while the person signs in and
// completes their profile, so that the invitation page (or the cohort's public page) can
// finish the enrolment on their return without a second press. A cookie, not a query
// parameter: only the person's own press sets it, so a link from elsewhere cannot enrol a
// signed-in visitor by itself.
import "server-only";
import { cookies } from "next/headers";

const NAME = "lms-enrol-intent";
/** Long enough for the e-mail with the sign-in code to arrive and the profile to be filled in. */
const MAX_AGE_SECONDS = 60 * 60;

/**
 * What the press was on: an invitation by its code, or a listed cohort by its slug (kept
 * apart by a prefix, so the one can never be read as the other).
 */
export type EnrolTarget = { inviteCode: string } | { slug: string };

function valueOf(target: EnrolTarget): string {
  return "inviteCode" in target ? target.inviteCode : `listed:${target.slug}`;
}

export async function rememberEnrolIntent(target: EnrolTarget) {
  (await cookies()).set(NAME, valueOf(target), { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_SECONDS });
}

export async function forgetEnrolIntent() {
  (await cookies()).delete(NAME);
}

/** Whether this browser pressed Enrol on this invitation or cohort within the last hour. */
export async function hasEnrolIntent(target: EnrolTarget): Promise<boolean> {
  return (await cookies()).get(NAME)?.value === valueOf(target);
}
