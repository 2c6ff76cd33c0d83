// The programme's demo cohort and the first admin. Safe to run any number of
// times: it creates what is missing and never overwrites an admin's edits.
import type { Db } from "./client";

export const DEMO_COHORT = {
  slug: "4th-training-program-2021-12",
  name: "4th Training Program, December 2021",
  description:
    "The five lectures of the 4th BTBU-ECOSF Joint Training Program on STI policy and tools for sustainable development, held online on 15 December 2021. Study at your own pace, take each lecture's quiz and earn a certificate.",
  timeZone: "Asia/Shanghai",
  startsOn: new Date("2021-12-15T00:00:00Z"),
  endsOn: new Date("2021-12-15T00:00:00Z"),
  enrolmentMode: "OPEN",
} as const;

export type SeedOptions = { adminEmail: string; adminName?: string };

export async function seedDatabase(db: Db, opts: SeedOptions) {
  const email = opts.adminEmail.trim().toLowerCase();
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.upsert({
      where: { slug: DEMO_COHORT.slug },
      create: DEMO_COHORT,
      update: {},
    });
    const admin = await tx.user.upsert({
      where: { email },
      create: { email, name: opts.adminName ?? "Programme admin", role: "ADMIN" },
      update: { role: "ADMIN" },
    });
    return { cohortId: cohort.id, adminId: admin.id };
  });
}
