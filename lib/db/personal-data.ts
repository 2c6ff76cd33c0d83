// What the platform holds about one person, for their "download my data" file: every query
// is scoped to that person's id (or their own address, or their own records), and selects
// only the columns the export may show, never a token, key or hash. Read in one
// repeatable-read transaction, so the file is the database as of one instant.
import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { PersonalDataRows } from "@/lib/domain/personal-data-rows";
import { recordAudit } from "./audit";
import type { Db } from "./client";
import { readGrade, readResponses } from "./json-columns";
import { readAuditTrail } from "./personal-data-audit";
import { PROFILE } from "./profile";

type Tx = Prisma.TransactionClient;

export const DATA_EXPORTED = "account.data_exported";

const COHORT = { select: { name: true, slug: true } } as const;
const LIVE_SESSION = { select: { lectureSlug: true, startsAt: true, endsAt: true, cohort: COHORT } } as const;
/** Oldest first, ties in a fixed order, so that the same rows always make the same file. */
const BY_CREATION = () => [{ createdAt: "asc" as const }, { id: "asc" as const }];

/**
 * The person's rows, and the export recorded in the audit log in the same transaction (after
 * the reads, so the file does not list its own download). Null when there is no such person.
 */
export async function exportPersonalData(
  db: Db,
  userId: string,
  opts: { ip?: string | null } = {},
): Promise<PersonalDataRows | null> {
  return db.$transaction(
    async (tx) => {
      const rows = await readPersonalData(tx, userId);
      if (rows)
        await recordAudit(tx, {
          action: DATA_EXPORTED,
          actorId: userId,
          entity: "user",
          entityId: userId,
          ip: opts.ip,
        });
      return rows;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 10_000, timeout: 30_000 },
  );
}

async function readPersonalData(tx: Tx, userId: string): Promise<PersonalDataRows | null> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerified: true,
      image: true,
      role: true,
      ...PROFILE,
      personSetFields: true,
      mailOptOuts: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!user) return null;
  const course = await readCourseRecords(tx, userId);
  const access = await readAccountRecords(tx, user);
  const auditEvents = await readAuditTrail(tx, user, course.ownIds);
  return { user, ...course.rows, ...access, auditEvents };
}

/** Places, marks, quiz attempts and arrangements, attendance, excuses, certificates, Zoom names. */
async function readCourseRecords(tx: Tx, userId: string) {
  const where = { userId };
  const enrolments = await tx.enrolment.findMany({
    where,
    select: { id: true, status: true, source: true, createdAt: true, updatedAt: true, cohort: COHORT },
    orderBy: BY_CREATION(),
  });
  const lectureMarks = await tx.lectureMark.findMany({
    where,
    select: { lectureSlug: true, markedAt: true, enrolment: { select: { cohort: COHORT } } },
    orderBy: [{ markedAt: "asc" }, { lectureSlug: "asc" }],
  });
  const attempts = await tx.quizAttempt.findMany({
    where,
    select: {
      id: true,
      lectureSlug: true,
      number: true,
      status: true,
      startedAt: true,
      deadlineAt: true,
      submittedAt: true,
      submittedBy: true,
      responses: true,
      grade: true,
      percent: true,
      passed: true,
      cohort: COHORT,
    },
    orderBy: [{ startedAt: "asc" }, { number: "asc" }],
  });
  const quizOverrides = await tx.quizOverride.findMany({
    where,
    select: { lectureSlug: true, extraAttempts: true, extraMinutes: true, closesAt: true, setAt: true, cohort: COHORT },
    orderBy: [{ setAt: "asc" }, { id: "asc" }],
  });
  const attendance = await tx.attendanceRecord.findMany({
    where,
    select: {
      status: true,
      source: true,
      minutes: true,
      note: true,
      createdAt: true,
      updatedAt: true,
      session: LIVE_SESSION,
    },
    orderBy: [{ session: { startsAt: "asc" } }, { id: "asc" }],
  });
  const excuses = await tx.excuseRequest.findMany({
    where,
    select: {
      id: true,
      reason: true,
      status: true,
      decidedAt: true,
      decisionNote: true,
      createdAt: true,
      session: LIVE_SESSION,
    },
    orderBy: BY_CREATION(),
  });
  const certificates = await tx.certificate.findMany({
    where,
    select: {
      id: true,
      code: true,
      name: true,
      nativeName: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
      replacedBy: { select: { code: true } },
      cohort: COHORT,
    },
    orderBy: [{ issuedAt: "asc" }, { id: "asc" }],
  });
  const zoomNames = await tx.zoomNameMatch.findMany({
    where,
    select: { zoomName: true, zoomEmail: true, createdAt: true, cohort: COHORT },
    orderBy: BY_CREATION(),
  });
  return {
    rows: {
      enrolments,
      lectureMarks: lectureMarks.map((m) => ({ ...m, cohort: m.enrolment.cohort })),
      quizAttempts: attempts.map((a) => ({
        ...a,
        responses: readResponses(a.responses),
        grade: readGrade(a.grade),
        percent: a.percent === null ? null : Number(a.percent),
      })),
      quizOverrides,
      attendance: attendance.map((r) => ({ ...r, minutes: r.minutes === null ? null : Number(r.minutes) })),
      excuseRequests: excuses,
      certificates: certificates.map((c) => ({ ...c, replacedByCode: c.replacedBy?.code ?? null })),
      zoomNames,
    },
    ownIds: {
      enrolment: enrolments.map((e) => e.id),
      Certificate: certificates.map((c) => c.id),
      excuse_request: excuses.map((x) => x.id),
      quiz_attempt: attempts.map((a) => a.id),
    },
  };
}

/** Sign-in methods, notices, e-mails to their address, passkeys and sessions. */
async function readAccountRecords(tx: Tx, user: { id: string; email: string }) {
  const where = { userId: user.id };
  const accounts = await tx.account.findMany({
    where,
    select: { provider: true, type: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { provider: "asc" }],
  });
  const notices = await tx.notice.findMany({
    where,
    select: { kind: true, cohortId: true, data: true, createdAt: true },
    orderBy: BY_CREATION(),
  });
  const noticeCohortIds = [...new Set(notices.flatMap((n) => (n.cohortId ? [n.cohortId] : [])))];
  const cohorts = new Map(
    (
      await tx.cohort.findMany({ where: { id: { in: noticeCohortIds } }, select: { id: true, name: true, slug: true } })
    ).map((c) => [c.id, { name: c.name, slug: c.slug }]),
  );
  const emails = await tx.outboundEmail.findMany({
    where: { to: user.email },
    select: { kind: true, subject: true, createdAt: true, sentAt: true, failedAt: true, attempts: true, error: true },
    orderBy: BY_CREATION(),
  });
  const passkeys = await tx.passkey.findMany({
    where,
    select: { name: true, createdAt: true, lastUsedAt: true },
    orderBy: BY_CREATION(),
  });
  const sessions = await tx.session.findMany({
    where,
    select: { createdAt: true, updatedAt: true, expires: true, secondFactorAt: true },
    orderBy: BY_CREATION(),
  });
  return {
    accounts,
    notices: notices.map((n) => ({ ...n, cohort: (n.cohortId && cohorts.get(n.cohortId)) || null })),
    emails,
    passkeys,
    sessions: sessions.map((s) => ({ ...s, lastUsedAt: s.updatedAt })),
  };
}
