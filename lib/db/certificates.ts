// Certificates: the cohort's rule, who meets it, and reading issued certificates.
// Participant functions take the acting user's id and read only that user's rows;
// admin functions say so and their callers check the role.
import type { Prisma } from "@/generated/prisma/client";
import {
  certificateRuleOf,
  participantEligibility,
  type CertificateRule,
  type Eligibility,
  type EligibilitySession,
} from "@/lib/domain/certificates";
import { getAttendanceSettings } from "./attendance";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { queueIssuing } from "./jobs";
import { ATTEMPT_STATE, attemptsAsOf } from "./quiz-deadlines";
import { getQuizRules } from "./quiz-rules";

type Tx = Prisma.TransactionClient;
export type LectureRef = { slug: string; number: number };

export async function getCertificateRule(
  db: Db | Tx,
  cohortId: string,
  lectures: readonly LectureRef[],
): Promise<CertificateRule> {
  const row = await db.certificateRule.findUnique({
    where: { cohortId },
    select: { minAttendancePercent: true, requiredQuizzes: true, autoIssue: true },
  });
  return certificateRuleOf(row, lectures);
}

/**
 * Admin: sets a cohort's certificate rule, audit-logged with before and after. A rule that
 * issues automatically queues issuing to the whole cohort in the same transaction: a gentler
 * rule may make people eligible at once. False: no such cohort.
 */
export async function saveCertificateRule(
  db: Db,
  actorId: string,
  cohortId: string,
  rule: CertificateRule,
  lectures: readonly LectureRef[],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const cohort = await tx.cohort.findUnique({ where: { id: cohortId }, select: { id: true } });
    if (!cohort) return false;
    const before = await getCertificateRule(tx, cohortId, lectures);
    await tx.certificateRule.upsert({ where: { cohortId }, create: { cohortId, ...rule }, update: rule });
    await recordAudit(tx, {
      action: "certificate.rule_changed",
      actorId,
      entity: "Cohort",
      entityId: cohortId,
      cohortId,
      before: asJson(before),
      after: asJson(rule),
    });
    if (rule.autoIssue) await queueIssuing(tx, cohortId, null);
    return true;
  });
}

/**
 * Eligibility of the cohort's active participants (or only `userIds`), from their
 * attendance, excuse requests and quiz attempts as they stand at `now`, in a handful
 * of queries. Writes nothing.
 */
export async function cohortEligibility(
  db: Db,
  cohortId: string,
  lectures: readonly LectureRef[],
  options: { userIds?: readonly string[]; now?: Date } = {},
): Promise<Map<string, Eligibility>> {
  const now = options.now ?? new Date();
  const users = options.userIds ? { in: [...options.userIds] } : undefined;
  const [rule, settings, quizRules, sessions, enrolled, records, excuses, storedAttempts] = await Promise.all([
    getCertificateRule(db, cohortId, lectures),
    getAttendanceSettings(db, cohortId),
    getQuizRules(db, cohortId),
    db.liveSession.findMany({
      where: { cohortId },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, lectureSlug: true, startsAt: true },
    }),
    db.enrolment.findMany({ where: { cohortId, status: "ACTIVE", userId: users }, select: { userId: true } }),
    db.attendanceRecord.findMany({
      where: { session: { cohortId }, userId: users },
      select: { sessionId: true, userId: true, status: true },
    }),
    db.excuseRequest.findMany({
      where: { session: { cohortId }, userId: users },
      select: { sessionId: true, userId: true, status: true },
    }),
    db.quizAttempt.findMany({
      where: { cohortId, userId: users },
      orderBy: { number: "asc" },
      select: { ...ATTEMPT_STATE, userId: true, lectureSlug: true },
    }),
  ]);
  const attempts = await attemptsAsOf(db, cohortId, storedAttempts, now);
  const status = new Map(records.map((r) => [`${r.sessionId}:${r.userId}`, r.status]));
  const excuse = new Map(excuses.map((e) => [`${e.sessionId}:${e.userId}`, e.status]));
  const result = new Map<string, Eligibility>();
  for (const { userId } of enrolled) {
    const own: EligibilitySession[] = sessions.map((s) => ({
      id: s.id,
      lectureSlug: s.lectureSlug,
      held: s.startsAt <= now,
      status: status.get(`${s.id}:${userId}`) ?? null,
      excuse: excuse.get(`${s.id}:${userId}`) ?? null,
    }));
    result.set(
      userId,
      participantEligibility({
        rule,
        excusedCounts: settings.excusedCounts,
        quizRules,
        lectures,
        sessions: own,
        attempts: attempts.filter((a) => a.userId === userId),
      }),
    );
  }
  return result;
}

/** The acting user's eligibility in one of their cohorts; null when they have no active place in it. */
export async function ownEligibility(
  db: Db,
  userId: string,
  cohortId: string,
  lectures: readonly LectureRef[],
  now = new Date(),
) {
  return (await cohortEligibility(db, cohortId, lectures, { userIds: [userId], now })).get(userId) ?? null;
}

const PUBLIC_FIELDS = {
  code: true,
  name: true,
  nativeName: true,
  issuedAt: true,
  revokedAt: true,
  revokedReason: true,
  replacedById: true,
  cohort: { select: { name: true, startsOn: true, endsOn: true } },
  // The holder's country tells which language a name in another script is in (an Urdu
  // name is printed in Nastaliq, a Persian one in Naskh).
  user: { select: { country: true } },
} as const;

/**
 * Anyone: what the public verification page shows of a certificate, by its exact code
 * (the holder's country only tells the page which language a name in another script is in).
 */
export function findCertificateByCode(db: Db, code: string) {
  return db.certificate.findUnique({
    where: { code },
    select: PUBLIC_FIELDS,
  });
}

/** The acting user's certificates in one cohort, newest first (the valid one, then replaced or revoked ones). */
export function ownCertificates(db: Db, userId: string, cohortId: string) {
  return db.certificate.findMany({
    where: { userId, cohortId },
    orderBy: [{ issuedAt: "desc" }],
    select: { id: true, ...PUBLIC_FIELDS, credential: true },
  });
}

/** The acting user's certificate by id, or null if it is not theirs. */
export function ownCertificate(db: Db, userId: string, certificateId: string) {
  return db.certificate.findFirst({
    where: { id: certificateId, userId },
    select: { id: true, cohortId: true, statusIndex: true, ...PUBLIC_FIELDS, credential: true, templateId: true },
  });
}

/** Admin: a cohort's certificates, valid ones first, with the participant's address. */
export function listCohortCertificates(db: Db, cohortId: string, filter: { status?: "valid" | "revoked" } = {}) {
  return db.certificate.findMany({
    where: {
      cohortId,
      revokedAt: filter.status === "valid" ? null : filter.status === "revoked" ? { not: null } : undefined,
    },
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      userId: true,
      ...PUBLIC_FIELDS,
      templateId: true,
      user: { select: { email: true, country: true } },
      replacedBy: { select: { code: true } },
    },
  });
}

/** Admin: one certificate by id, with what its PDF needs. */
export function getCertificate(db: Db, certificateId: string) {
  return db.certificate.findUnique({
    where: { id: certificateId },
    select: { id: true, userId: true, cohortId: true, ...PUBLIC_FIELDS, credential: true, templateId: true },
  });
}

/** Status-list positions of every revoked certificate (replaced ones included). */
export async function revokedStatusIndexes(db: Db): Promise<number[]> {
  const rows = await db.certificate.findMany({ where: { revokedAt: { not: null } }, select: { statusIndex: true } });
  return rows.map((r) => r.statusIndex);
}

/** Whether the cohort issues certificates as soon as someone is eligible (the default). */
export async function cohortAutoIssues(db: Db | Tx, cohortId: string): Promise<boolean> {
  const rule = await db.certificateRule.findUnique({ where: { cohortId }, select: { autoIssue: true } });
  return rule?.autoIssue ?? true;
}

/**
 * Admin: each active participant with their eligibility and valid certificate, and the
 * cohort's revoked or replaced certificates, for the certificates tab.
 */
export async function cohortCertificateOverview(db: Db, cohortId: string, lectures: readonly LectureRef[]) {
  const [eligibility, people, certificates] = await Promise.all([
    cohortEligibility(db, cohortId, lectures),
    db.enrolment.findMany({
      where: { cohortId, status: "ACTIVE" },
      orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
      select: { user: { select: { id: true, email: true, certificateName: true, nativeName: true, country: true } } },
    }),
    listCohortCertificates(db, cohortId),
  ]);
  const valid = new Map(certificates.filter((c) => c.revokedAt === null).map((c) => [c.userId, c]));
  // Newest first: the first revocation met per person is their latest.
  const revoked = new Map<string, (typeof certificates)[number]>();
  for (const c of certificates)
    if (c.revokedAt !== null && c.replacedById === null && !revoked.has(c.userId)) revoked.set(c.userId, c);
  const rows = people.map(({ user }) => {
    const certificate = valid.get(user.id) ?? null;
    return {
      user,
      eligibility: eligibility.get(user.id)!,
      certificate,
      /** The certificate an organiser revoked, when the person holds none valid: nothing is issued to them automatically. */
      revoked: certificate ? null : (revoked.get(user.id) ?? null),
    };
  });
  return { rows, history: certificates.filter((c) => c.revokedAt !== null), validCount: valid.size };
}

/** Admin: records that the cohort's certificates were downloaded together. */
export function recordCertificateExport(db: Db, actorId: string, cohortId: string, count: number) {
  return recordAudit(db, {
    action: "certificate.exported",
    actorId,
    entity: "Cohort",
    entityId: cohortId,
    cohortId,
    after: { count },
  });
}
