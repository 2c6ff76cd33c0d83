// What a certificate holder is told after changing their name, and the names (with the
// holder's country, which tells the language of a name in another script) that the
// dashboard and the verification page read.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { findCertificateByCode } from "@/lib/db/certificates";
import { ownDashboard } from "@/lib/db/dashboard";
import { listOwnOldNameCertificates, updateOwnProfile } from "@/lib/db/profile";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const refs = loadLectures(path.join(process.cwd(), "content")).map((l) => ({ slug: l.slug, number: l.number }));
const DAY = 24 * 60 * 60 * 1000;
let n = 0;

const profile = {
  name: "Mozhgan Yazdianpour",
  certificateName: "Mozhgan Yazdianpour",
  nativeName: "مژگان یزدیان‌پور",
  country: "IR",
  organisation: "IRIS",
  position: "Director",
  timeZone: "Asia/Tehran",
};

/** A holder of a valid certificate and a replaced one in a cohort, issued with the profile's names. */
async function holder() {
  n += 1;
  const now = Date.now();
  const cohort = await t.db.cohort.create({
    data: {
      slug: `names-${n}`,
      name: `Names cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date(now - 10 * DAY),
      endsOn: new Date(now - 6 * DAY),
    },
  });
  const user = await t.db.user.create({ data: { email: `holder${n}@example.org` } });
  await updateOwnProfile(t.db, user.id, profile);
  await t.db.enrolment.create({ data: { userId: user.id, cohortId: cohort.id, status: "ACTIVE" } });
  const issue = (code: string, name: string, revoked: boolean) =>
    t.db.certificate.create({
      data: {
        code,
        userId: user.id,
        cohortId: cohort.id,
        name,
        nativeName: profile.nativeName,
        statusIndex: n * 10 + (revoked ? 1 : 0),
        credential: "x.y.z",
        revokedAt: revoked ? new Date(now - DAY) : null,
        revokedReason: revoked ? "Name corrected" : null,
      },
    });
  const replaced = await issue(`ECOSF-21-000${n}-AAAA`, "Mojgan Yazdianpour", true);
  const valid = await issue(`ECOSF-21-111${n}-BBBB`, profile.certificateName, false);
  return { cohort, user, valid, replaced };
}

describe("listOwnOldNameCertificates", () => {
  it("names nothing while the profile's names are those printed", async () => {
    const { user } = await holder();
    expect(await listOwnOldNameCertificates(t.db, user.id, profile)).toEqual([]);
  });

  it("names each valid certificate that prints a name the profile no longer has, and no replaced one", async () => {
    const { user, valid, cohort } = await holder();
    const other = await holder();
    await updateOwnProfile(t.db, user.id, { ...profile, certificateName: "Mozhgan Yazdian" });
    expect(await listOwnOldNameCertificates(t.db, user.id, { ...profile, certificateName: "Mozhgan Yazdian" })).toEqual(
      [{ code: valid.code, cohort: cohort.name, name: profile.certificateName, nativeName: profile.nativeName }],
    );
    // A change of the native name alone counts too; another holder's certificates never appear.
    expect(await listOwnOldNameCertificates(t.db, user.id, { ...profile, nativeName: null })).toHaveLength(1);
    expect(await listOwnOldNameCertificates(t.db, other.user.id, profile)).toEqual([]);
  });
});

describe("the names shown with a certificate", () => {
  it("the dashboard has the names as printed and the holder's country", async () => {
    const { user, valid } = await holder();
    const [cohort] = await ownDashboard(t.db, user.id, refs);
    expect(cohort?.status).toBe("ACTIVE");
    const shown = cohort?.status === "ACTIVE" ? cohort.certificates.find((c) => c.id === valid.id) : undefined;
    expect(shown).toMatchObject({ name: profile.certificateName, nativeName: profile.nativeName, holderCountry: "IR" });
  });

  it("the verification page has the holder's country, and nothing else of theirs", async () => {
    const { valid } = await holder();
    const found = await findCertificateByCode(t.db, valid.code);
    expect(found?.user).toEqual({ country: "IR" });
  });
});
