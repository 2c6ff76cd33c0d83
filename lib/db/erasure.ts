// Erasing a person at their request, for admins (callers check the role). One transaction:
// either all of it happens or none.
//
// Removed: the profile (names, country, organisation, its type, position, time zone, picture) and the
// address, replaced by one that cannot receive mail; an organiser's cohorts and role; every way to sign in (Auth.js accounts,
// sessions, passkeys, pending sign-in links and codes, rate-limit counters on the address);
// notices, excuse requests (their reasons are the person's words), personal quiz
// arrangements, Zoom names matched to them, every e-mail sent to them; notes on their
// attendance. Their strings are replaced by "[erased]" in the uploaded rosters and Zoom
// reports that named them and in the audit entries by or about them.
//
// Kept, anonymous: enrolments, lecture marks, quiz attempts and attendance marks, so that the
// cohort's figures stay true. Certificates are revoked with ERASED_REASON and their printed
// names and signed credential cleared, unless the admin keeps them verifiable (the holder may
// ask for that: the certificate then still shows their name, on purpose).
import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import {
  ERASED_REASON,
  erasedAddress,
  erasureRefusal,
  identifyingStrings,
  profileStrings,
  distinctStrings,
  redactJson,
  redactText,
  type ErasureRefusal,
} from "@/lib/domain/erasure";
import { OPTIONAL_MAIL_KINDS } from "@/lib/domain/mail-preferences";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { checkedRows, ZIdRow } from "./sql";

type Tx = Prisma.TransactionClient;

export const PERSON_ERASED = "user.erased";

export type ErasureResult =
  { ok: true; revoked: number; kept: number } | { ok: false; error: "not-found" | ErasureRefusal };

export async function erasePerson(
  db: Db,
  actorId: string,
  userId: string,
  opts: { keepCertificates: boolean; confirmation: string; ip?: string | null },
): Promise<ErasureResult> {
  return db.$transaction(
    async (tx): Promise<ErasureResult> => {
      // The person's places first, in the order certificate issuing locks them: no certificate
      // is issued from the old name while the erasure runs.
      await tx.$executeRaw`SELECT 1 FROM enrolments WHERE user_id = ${userId} ORDER BY cohort_id FOR UPDATE`;
      await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${userId} FOR UPDATE`;
      const person = await tx.user.findUnique({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          role: true,
          erasedAt: true,
          name: true,
          certificateName: true,
          nativeName: true,
          organisation: true,
          position: true,
        },
      });
      if (!person) return { ok: false, error: "not-found" };
      const refusal = erasureRefusal(actorId, person, opts.confirmation);
      if (refusal) return { ok: false, error: refusal };

      // What they wrote or were called, read before it is deleted: the audit entries that
      // recorded it lose it too.
      const ownTexts = await readOwnTexts(tx, userId);
      const certificates = await settleCertificates(tx, actorId, userId, opts.keepCertificates);
      await removeAccess(tx, person);
      await removeCourseRecords(tx, userId);
      await redactUploads(tx, identifyingStrings(person));
      await redactAuditTrail(tx, person, [...profileStrings(person), ...ownTexts]);
      await tx.user.update({
        where: { id: userId },
        data: {
          email: erasedAddress(randomBytes(8).toString("hex")),
          emailVerified: null,
          role: "PARTICIPANT",
          name: null,
          image: null,
          certificateName: null,
          nativeName: null,
          country: null,
          organisation: null,
          position: null,
          organisationType: null,
          timeZone: null,
          profileCompletedAt: null,
          personSetFields: [],
          mailOptOuts: [...OPTIONAL_MAIL_KINDS],
          erasedAt: new Date(),
        },
      });
      await recordAudit(tx, {
        action: PERSON_ERASED,
        actorId,
        entity: "user",
        entityId: userId,
        after: { revokedCertificates: certificates.revoked, keptCertificates: certificates.kept },
        ip: opts.ip,
      });
      return { ok: true, ...certificates };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** The free texts of their records: attendance notes, excuse reasons and decisions, Zoom names. */
async function readOwnTexts(tx: Tx, userId: string): Promise<string[]> {
  const where = { userId };
  const [attendance, excuses, zoomNames] = await Promise.all([
    tx.attendanceRecord.findMany({ where: { ...where, note: { not: null } }, select: { note: true } }),
    tx.excuseRequest.findMany({ where, select: { reason: true, decisionNote: true } }),
    tx.zoomNameMatch.findMany({ where, select: { zoomName: true, zoomEmail: true } }),
  ]);
  return distinctStrings([
    ...attendance.map((a) => a.note),
    ...excuses.flatMap((x) => [x.reason, x.decisionNote]),
    ...zoomNames.flatMap((z) => [z.zoomName, z.zoomEmail]),
  ]);
}

/** Revokes and clears the person's certificates, or keeps them as they are. */
async function settleCertificates(tx: Tx, actorId: string, userId: string, keep: boolean) {
  const valid = await tx.certificate.count({ where: { userId, revokedAt: null } });
  if (keep) return { revoked: 0, kept: valid };
  await tx.certificate.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: ERASED_REASON, revokedById: actorId },
  });
  // Every certificate of theirs, revoked before or now, stops carrying their names: the
  // verification page then says only that it was revoked, and why.
  await tx.certificate.updateMany({ where: { userId }, data: { name: "", nativeName: null, credential: "" } });
  return { revoked: valid, kept: 0 };
}

/** Every way to sign in as the person, and the mail sent to their address. */
async function removeAccess(tx: Tx, person: { id: string; email: string }) {
  const where = { userId: person.id };
  await tx.session.deleteMany({ where }); // their passkey challenges go with their sessions
  await tx.account.deleteMany({ where });
  await tx.passkey.deleteMany({ where });
  // An organiser's cohorts are no longer theirs (the role goes back to participant below).
  await tx.cohortOrganiser.deleteMany({ where });
  await tx.signInCode.deleteMany({ where: { email: person.email } });
  await tx.verificationToken.deleteMany({ where: { identifier: person.email } });
  await tx.rateLimiterFlexible.deleteMany({ where: { key: { contains: person.email } } });
  await tx.outboundEmail.deleteMany({ where: { to: person.email } });
}

/** What is theirs in the course beyond the anonymous marks and results. */
async function removeCourseRecords(tx: Tx, userId: string) {
  const where = { userId };
  await tx.notice.deleteMany({ where });
  await tx.excuseRequest.deleteMany({ where });
  await tx.quizOverride.deleteMany({ where });
  await tx.zoomNameMatch.deleteMany({ where });
  await tx.attendanceRecord.updateMany({ where: { ...where, note: { not: null } }, data: { note: null } });
}

/** Uploaded rosters and Zoom reports keep their other lines; the person's strings go. */
async function redactUploads(tx: Tx, strings: string[]) {
  if (strings.length === 0) return;
  const matching = { OR: strings.map((s) => ({ content: { contains: s, mode: "insensitive" as const } })) };
  for (const r of await tx.rosterImport.findMany({ where: matching, select: { id: true, content: true } }))
    await tx.rosterImport.update({ where: { id: r.id }, data: { content: redactText(r.content, strings) } });
  for (const z of await tx.zoomImport.findMany({ where: matching, select: { id: true, content: true } }))
    await tx.zoomImport.update({ where: { id: z.id }, data: { content: redactText(z.content, strings) } });
}

/**
 * The audit entries by or about the person keep what happened and when; their subject (an
 * address) and any of the person's strings in what changed are replaced.
 */
async function redactAuditTrail(tx: Tx, person: { email: string }, strings: string[]) {
  // The entries whose subject is their address, or whose before or after names them (their
  // own actions, changes to their profile, their records: a certificate, an attempt).
  const ids = checkedRows(
    ZIdRow,
    await tx.$queryRaw`
      SELECT id FROM audit_events
      WHERE subject = ${person.email}
         OR EXISTS (
              SELECT 1 FROM unnest(${strings}::text[]) AS s(text)
              WHERE strpos(lower(coalesce(before::text, '') || ' ' || coalesce(after::text, '')), lower(s.text)) > 0)`,
  ).map((r) => r.id);
  const events = await tx.auditEvent.findMany({
    where: { id: { in: ids } },
    select: { id: true, subject: true, before: true, after: true },
  });
  for (const e of events)
    await tx.auditEvent.update({
      where: { id: e.id },
      data: {
        subject: e.subject === person.email ? null : e.subject,
        before: redacted(e.before, strings),
        after: redacted(e.after, strings),
      },
    });
}

const redacted = (value: Prisma.JsonValue, strings: string[]) =>
  value === null ? Prisma.DbNull : (redactJson(value, strings) as Prisma.InputJsonValue);
