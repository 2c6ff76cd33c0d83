import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareImage, type PreparedImage } from "@/lib/certificates/template-image";
import { loadLectures } from "@/lib/content/load";
import { issueCertificate, reissueCertificate, type IssueContext } from "@/lib/db/certificate-issue";
import {
  currentTemplate,
  currentTemplateVersion,
  listTemplateVersions,
  saveTemplate,
  templatesById,
} from "@/lib/db/certificate-templates";
import { saveCertificateRule } from "@/lib/db/certificates";
import { DEFAULT_ACCENT, DEFAULT_COLOUR, type TemplateFields } from "@/lib/domain/certificate-template";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const refs = loadLectures(path.join(process.cwd(), "content")).map((l) => ({ slug: l.slug, number: l.number }));
const context: IssueContext = {
  origin: "http://lms.test",
  issuerName: "BTBU-ECOSF Joint Training Center",
  achievement: { name: "STI Policy", description: "A one-day programme.", criteria: "Attend." },
  lectures: refs,
};
const fields: TemplateFields = {
  title: "Certificate of Participation",
  intro: "This certifies that",
  body: "took part in the 4th BTBU-ECOSF Joint Training Program",
  colour: DEFAULT_COLOUR,
  accent: DEFAULT_ACCENT,
  organisers: ["BTBU", "ECOSF", "CAST"],
  signatories: [{ name: "Prof. Sun Baowen", title: "President", signatureId: null }],
};

async function image(colour: string): Promise<PreparedImage> {
  const png = await sharp({ create: { width: 60, height: 30, channels: 4, background: colour } })
    .png()
    .toBuffer();
  const prepared = await prepareImage(new Uint8Array(png));
  if (!prepared.ok) throw new Error(prepared.error);
  return prepared.image;
}

let n = 0;
/** A cohort whose rule everyone meets (no attendance, no quiz), an admin and one participant. */
async function setup() {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `template-${n}`,
      name: `Template ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-03-02"),
      endsOn: new Date("2026-03-06"),
    },
  });
  const admin = await t.db.user.create({ data: { email: `template-admin${n}@example.org`, role: "ADMIN" } });
  const person = await t.db.user.create({
    data: { email: `template${n}@example.org`, certificateName: `Person ${n}` },
  });
  await t.db.enrolment.create({ data: { userId: person.id, cohortId: cohort.id, status: "ACTIVE" } });
  await saveCertificateRule(
    t.db,
    admin.id,
    cohort.id,
    { minAttendancePercent: 0, requiredQuizzes: [], autoIssue: false },
    refs,
  );
  const issue = async () => {
    const issued = await issueCertificate(t.db, { userId: person.id, cohortId: cohort.id, actorId: admin.id, context });
    if (!issued.ok) throw new Error(issued.error);
    return t.db.certificate.findUniqueOrThrow({ where: { id: issued.certificate.id } });
  };
  return { cohort, admin, person, issue };
}

describe("certificate templates", () => {
  it("a cohort without a template prints with the default one, and its certificates say so", async () => {
    const s = await setup();
    expect(await currentTemplate(t.db, s.cohort.id)).toBeNull();
    expect(await currentTemplateVersion(t.db, s.cohort.id)).toBe(0);
    expect((await s.issue()).templateId).toBeNull();
  });

  it("saves versions that never change; each certificate keeps its own, a reissue takes the current one", async () => {
    const s = await setup();
    const [logo, signature] = [await image("#1b4d89"), await image("#000000")];
    const v1 = await saveTemplate(t.db, s.admin.id, s.cohort.id, {
      fields,
      logos: [{ upload: logo }],
      signatures: [{ upload: signature }],
    });
    expect(v1?.version).toBe(1);
    const first = await currentTemplate(t.db, s.cohort.id);
    expect(first).toMatchObject({ version: 1, title: fields.title, organisers: ["BTBU", "ECOSF", "CAST"] });
    expect(Buffer.from(first!.logos[0]!.png).equals(Buffer.from(logo.png))).toBe(true);
    expect(first!.signatories).toMatchObject([{ name: "Prof. Sun Baowen", title: "President" }]);
    expect(Buffer.from(first!.signatories[0]!.signature!.png).equals(Buffer.from(signature.png))).toBe(true);

    const issuedWithV1 = await s.issue();
    expect(issuedWithV1.templateId).toBe(v1!.id);

    // Version 2 keeps the logo, drops the signature, uploads the same logo again as a second one.
    const v2 = await saveTemplate(t.db, s.admin.id, s.cohort.id, {
      fields: { ...fields, title: "Certificate of Completion", signatories: [] },
      logos: [{ keep: first!.logos[0]!.id }, { upload: logo }],
      signatures: [],
    });
    expect(v2?.version).toBe(2);
    const second = await currentTemplate(t.db, s.cohort.id);
    expect(second!.logos.map((l) => l.id)).toEqual([first!.logos[0]!.id, first!.logos[0]!.id]);
    expect(await t.db.certificateImage.count({ where: { sha256: logo.sha256 } })).toBe(1);

    // The certificate issued with version 1 still prints with it.
    const kept = (await templatesById(t.db, [issuedWithV1.templateId])).get(v1!.id)!;
    expect(kept).toMatchObject({ version: 1, title: "Certificate of Participation" });
    expect(kept.signatories[0]!.signature).not.toBeNull();

    // A reissue (for a corrected name) is printed with the current template.
    await t.db.user.update({ where: { id: s.person.id }, data: { certificateName: "Person Corrected" } });
    const reissued = await reissueCertificate(t.db, s.admin.id, issuedWithV1.id, context);
    if (!reissued.ok) throw new Error(reissued.error);
    const replacement = await t.db.certificate.findUniqueOrThrow({ where: { id: reissued.certificate.id } });
    expect(replacement.templateId).toBe(v2!.id);
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: issuedWithV1.id } })).templateId).toBe(v1!.id);

    const versions = await listTemplateVersions(t.db, s.cohort.id);
    expect(versions.map((v) => [v.version, v._count.certificates, v.createdBy?.email])).toEqual([
      [2, 1, s.admin.email],
      [1, 1, s.admin.email],
    ]);
    const audit = await t.db.auditEvent.findMany({
      where: { action: "certificate.template_saved", cohortId: s.cohort.id },
    });
    const entries = audit.map((a) => [a.actorId, a.entity, a.entityId, (a.after as { version: number }).version]);
    expect(entries.sort((x, y) => Number(x[3]) - Number(y[3]))).toEqual([
      [s.admin.id, "Cohort", s.cohort.id, 1],
      [s.admin.id, "Cohort", s.cohort.id, 2],
    ]);
  });

  it("refuses to keep an image that is not the current template's, and writes nothing", async () => {
    const a = await setup();
    const b = await setup();
    await saveTemplate(t.db, a.admin.id, a.cohort.id, {
      fields,
      logos: [{ upload: await image("#aa0000") }],
      signatures: [],
    });
    const theirs = (await currentTemplate(t.db, a.cohort.id))!.logos[0]!.id;
    const before = await t.db.certificateImage.count();
    const fresh = await image("#00aa00");
    // An upload first (stored on the way), then another cohort's image: the whole save is refused.
    const refused = await saveTemplate(t.db, b.admin.id, b.cohort.id, {
      fields,
      logos: [{ upload: fresh }, { keep: theirs }],
      signatures: [],
    });
    expect(refused).toBeNull();
    expect(await currentTemplateVersion(t.db, b.cohort.id)).toBe(0);
    expect(await t.db.certificateImage.count()).toBe(before);
    expect(
      await t.db.auditEvent.count({ where: { action: "certificate.template_saved", cohortId: b.cohort.id } }),
    ).toBe(0);
    // Nor a signature kept from nowhere.
    expect(
      await saveTemplate(t.db, b.admin.id, b.cohort.id, { fields, logos: [], signatures: [{ keep: "no-such-image" }] }),
    ).toBeNull();
    // An unknown cohort.
    expect(
      await saveTemplate(t.db, b.admin.id, "no-such-cohort", { fields, logos: [], signatures: [null] }),
    ).toBeNull();
  });

  it("stores a new image once when several cohorts save it at the same moment, and every save lands", async () => {
    const cohorts = [await setup(), await setup(), await setup(), await setup()];
    const shared = await image("#123456");
    const saved = await Promise.all(
      cohorts.map((s) =>
        saveTemplate(t.db, s.admin.id, s.cohort.id, { fields, logos: [{ upload: shared }], signatures: [null] }),
      ),
    );
    expect(saved.map((v) => v?.version)).toEqual([1, 1, 1, 1]);
    expect(await t.db.certificateImage.count({ where: { sha256: shared.sha256 } })).toBe(1);
  });

  it("numbers versions saved at the same moment one after another", async () => {
    const s = await setup();
    const saved = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        saveTemplate(t.db, s.admin.id, s.cohort.id, {
          fields: { ...fields, title: `Version ${i}` },
          logos: [],
          signatures: [null],
        }),
      ),
    );
    expect(saved.map((v) => v!.version).sort()).toEqual([1, 2, 3, 4]);
  });
});
