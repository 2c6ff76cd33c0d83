import { describe, expect, it } from "vitest";
import { updatePersonProfile } from "@/lib/db/people";
import { ZAdminProfile } from "@/lib/schemas/profile";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

const form = (over: Record<string, string> = {}) =>
  ZAdminProfile.parse({
    name: "Ayesha Khan",
    certificateName: "Ayesha Khan",
    nativeName: "",
    country: "pk",
    organisation: "NUST",
    position: "",
    ...over,
  });

describe("an organiser edits a participant's profile", () => {
  it("sets the certificate name a roster left empty, audit-logged with only what changed, before and after", async () => {
    const admin = await t.db.user.create({ data: { email: "profile-admin@example.org", role: "ADMIN" } });
    const cohort = await t.db.cohort.create({
      data: { slug: "pp-1", name: "PP", timeZone: "UTC", startsOn: new Date(0), endsOn: new Date(0) },
    });
    const u = await t.db.user.create({
      data: {
        email: "imported@example.org",
        name: "Ayesha Khan",
        country: "PK",
        organisation: "NUST",
        enrolments: { create: { cohortId: cohort.id, status: "ACTIVE", source: "ROSTER" } },
      },
    });
    expect(await updatePersonProfile(t.db, admin.id, u.id, form())).toEqual({
      ok: true,
      changed: true,
      cohortIds: [cohort.id],
    });
    expect(await t.db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      certificateName: "Ayesha Khan",
      country: "PK",
      position: null,
      profileCompletedAt: null,
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.profile_edited", entityId: u.id } });
    expect([audit.actorId, audit.subject, audit.before, audit.after]).toEqual([
      admin.id,
      "imported@example.org",
      { certificateName: null },
      { certificateName: "Ayesha Khan" },
    ]);
    // Saving the same again changes and records nothing.
    expect(await updatePersonProfile(t.db, admin.id, u.id, form())).toMatchObject({ ok: true, changed: false });
    expect(await t.db.auditEvent.count({ where: { action: "user.profile_edited", entityId: u.id } })).toBe(1);
    expect(await updatePersonProfile(t.db, admin.id, "no-such-person", form())).toEqual({
      ok: false,
      error: "not-found",
    });
  });

  it("refuses bad input field by field, so nothing is written", () => {
    const result = ZAdminProfile.safeParse({
      name: " ",
      certificateName: "علی رضایی",
      nativeName: "",
      country: "Atlantis",
      organisation: "x".repeat(161),
      position: "",
    });
    expect(result.success).toBe(false);
    expect(Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path[0], i.message]))).toEqual({
      name: "required",
      certificateName: "latin-only",
      country: "unknown-country",
      organisation: "too-long",
    });
  });
});
