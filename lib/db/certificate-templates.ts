// A cohort's certificate templates and the images they print. A template is never changed
// once saved: saving makes the next version, and certificates point at the one they were
// issued with.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { PreparedImage } from "@/lib/certificates/template-image";
import type { TemplateFields } from "@/lib/domain/certificate-template";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { isUniqueViolation } from "./errors";

type Tx = Prisma.TransactionClient;

export type StoredImage = { id: string; png: Uint8Array; width: number; height: number };
export type StoredTemplate = Omit<TemplateFields, "signatories"> & {
  id: string;
  version: number;
  createdAt: Date;
  logos: StoredImage[];
  signatories: { name: string; title: string; signature: StoredImage | null }[];
};

const ZSignatories = z.array(z.object({ name: z.string(), title: z.string(), signatureId: z.string().nullable() }));

const TEMPLATE_FIELDS = {
  id: true,
  version: true,
  createdAt: true,
  title: true,
  intro: true,
  body: true,
  colour: true,
  accent: true,
  organisers: true,
  logoIds: true,
  signatories: true,
} as const;
type TemplateRow = Prisma.CertificateTemplateGetPayload<{ select: typeof TEMPLATE_FIELDS }>;

/** The rows with their images, read in one more query. */
async function withImages(db: Db | Tx, rows: TemplateRow[]): Promise<StoredTemplate[]> {
  const parsed = rows.map((r) => ({ ...r, signatories: ZSignatories.parse(r.signatories) }));
  const ids = [...new Set(parsed.flatMap((r) => [...r.logoIds, ...r.signatories.flatMap((s) => s.signatureId ?? [])]))];
  const images = new Map(
    ids.length === 0
      ? []
      : (
          await db.certificateImage.findMany({
            where: { id: { in: ids } },
            select: { id: true, png: true, width: true, height: true },
          })
        ).map((i) => [i.id, i]),
  );
  const image = (id: string) => {
    const found = images.get(id);
    if (!found) throw new Error(`Certificate image ${id} is missing`);
    return found;
  };
  return parsed.map(({ logoIds, signatories, ...rest }) => ({
    ...rest,
    logos: logoIds.map(image),
    signatories: signatories.map((s) => ({
      name: s.name,
      title: s.title,
      signature: s.signatureId ? image(s.signatureId) : null,
    })),
  }));
}

/** The cohort's current template (its newest version), or null when it prints with the default one. */
export async function currentTemplate(db: Db, cohortId: string): Promise<StoredTemplate | null> {
  const row = await db.certificateTemplate.findFirst({
    where: { cohortId },
    orderBy: { version: "desc" },
    select: TEMPLATE_FIELDS,
  });
  return row ? (await withImages(db, [row]))[0]! : null;
}

/** The templates certificates were issued with, by id. */
export async function templatesById(db: Db, ids: readonly (string | null)[]): Promise<Map<string, StoredTemplate>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.certificateTemplate.findMany({ where: { id: { in: wanted } }, select: TEMPLATE_FIELDS });
  return new Map((await withImages(db, rows)).map((t) => [t.id, t]));
}

/** The cohort's saved versions, newest first, with how many certificates each was issued with. */
export function listTemplateVersions(db: Db, cohortId: string) {
  return db.certificateTemplate.findMany({
    where: { cohortId },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      createdAt: true,
      createdBy: { select: { email: true } },
      _count: { select: { certificates: true } },
    },
  });
}

/** The number of the cohort's current template version; 0 when it prints with the default one. */
export async function currentTemplateVersion(db: Db, cohortId: string): Promise<number> {
  const row = await db.certificateTemplate.findFirst({
    where: { cohortId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row?.version ?? 0;
}

/** Inside an issuing transaction: the id of the template a certificate issued now is printed with. */
export async function currentTemplateId(tx: Tx, cohortId: string): Promise<string | null> {
  const row = await tx.certificateTemplate.findFirst({
    where: { cohortId },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** An image of the current template kept as it was, or one uploaded now. */
export type ImageChoice = { keep: string } | { upload: PreparedImage };

/** Stores an uploaded image once (by its digest); its id. */
async function storeImage(tx: Tx, image: PreparedImage): Promise<string> {
  const row = await tx.certificateImage.upsert({
    where: { sha256: image.sha256 },
    create: {
      sha256: image.sha256,
      png: image.png,
      width: image.width,
      height: image.height,
      uploadedType: image.uploadedType,
    },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/**
 * Admin: saves the template as the cohort's next version, with its images, and audits it.
 * An image to keep must be one of the current version's; null when the cohort is gone or
 * a kept image is not the cohort's.
 */
export async function saveTemplate(
  db: Db,
  actorId: string,
  cohortId: string,
  input: {
    fields: TemplateFields;
    logos: ImageChoice[];
    /** One per signatory of fields.signatories, in order. */
    signatures: (ImageChoice | null)[];
  },
): Promise<{ id: string; version: number } | null> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await db.$transaction((tx) => insertVersion(tx, actorId, cohortId, input));
    } catch (err) {
      if (err instanceof Refused) return null;
      // The same new image stored by another save at the same moment: the next try finds it.
      if (isUniqueViolation(err) && tries < 3) continue;
      throw err;
    }
  }
}

/** Thrown inside the transaction so that nothing of a refused save (an image stored on the way) is kept. */
class Refused extends Error {}

async function insertVersion(tx: Tx, actorId: string, cohortId: string, input: Parameters<typeof saveTemplate>[3]) {
  // Versions of one cohort are numbered one after another, whoever saves at the same time.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM cohorts WHERE id = ${cohortId} FOR UPDATE`;
  if (locked.length === 0) throw new Refused();
  const latest = await tx.certificateTemplate.findFirst({
    where: { cohortId },
    orderBy: { version: "desc" },
    select: { version: true, logoIds: true, signatories: true },
  });
  const kept = new Set([
    ...(latest?.logoIds ?? []),
    ...(latest ? ZSignatories.parse(latest.signatories).flatMap((s) => s.signatureId ?? []) : []),
  ]);
  const resolve = async (choice: ImageChoice) => {
    if ("upload" in choice) return storeImage(tx, choice.upload);
    return kept.has(choice.keep) ? choice.keep : null;
  };
  const logoIds: string[] = [];
  for (const choice of input.logos) {
    const id = await resolve(choice);
    if (!id) throw new Refused();
    logoIds.push(id);
  }
  const signatories = [];
  for (const [i, s] of input.fields.signatories.entries()) {
    const choice = input.signatures[i] ?? null;
    const signatureId = choice ? await resolve(choice) : null;
    if (choice && !signatureId) throw new Refused();
    signatories.push({ name: s.name, title: s.title, signatureId });
  }
  const { title, intro, body, colour, accent, organisers } = input.fields;
  const version = (latest?.version ?? 0) + 1;
  const saved = await tx.certificateTemplate.create({
    data: {
      cohortId,
      version,
      title,
      intro,
      body,
      colour,
      accent,
      organisers,
      logoIds,
      signatories,
      createdById: actorId,
    },
    select: { id: true, version: true },
  });
  await recordAudit(tx, {
    action: "certificate.template_saved",
    actorId,
    entity: "Cohort",
    entityId: cohortId,
    cohortId,
    after: {
      templateId: saved.id,
      version,
      title,
      intro,
      body,
      colour,
      accent,
      organisers,
      logos: logoIds.length,
      signatories,
    },
  });
  return saved;
}

/**
 * One template image's PNG, if a template of this cohort (any version) prints it: the
 * editor's images, for those who manage the cohort, and nothing of other cohorts'.
 */
export async function getCohortCertificateImage(db: Db, cohortId: string, imageId: string) {
  const rows = await db.$queryRaw<{ png: Uint8Array }[]>`
    SELECT i.png FROM certificate_images i
    WHERE i.id = ${imageId}
      AND EXISTS (
        SELECT 1 FROM certificate_templates t
        WHERE t.cohort_id = ${cohortId}
          AND (${imageId} = ANY (t.logo_ids)
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(t.signatories) s WHERE s->>'signatureId' = ${imageId})))`;
  return rows[0] ?? null;
}
