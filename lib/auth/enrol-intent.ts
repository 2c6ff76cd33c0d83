// "This browser pressed Enrol on this invitation": kept while the person signs in and
// completes their profile, so that the invitation page can finish the enrolment on their
// return without a second press. A cookie, not a query parameter: only the person's own
// press sets it, so a link from elsewhere cannot enrol a signed-in visitor by itself.
import "server-only";
import { cookies } from "next/headers";

const NAME = "lms-enrol-intent";
/** Long enough for the e-mail with the sign-in code to arrive and the profile to be filled in. */
const MAX_AGE_SECONDS = 60 * 60;

export async function rememberEnrolIntent(inviteCode: string) {
  (await cookies()).set(NAME, inviteCode, { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_SECONDS });
}

export async function forgetEnrolIntent() {
  (await cookies()).delete(NAME);
}

/** Whether this browser pressed Enrol on the invitation with this code within the last hour. */
export async function hasEnrolIntent(inviteCode: string): Promise<boolean> {
  return (await cookies()).get(NAME)?.value === inviteCode;
}
