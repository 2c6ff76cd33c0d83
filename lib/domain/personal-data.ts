// The "download my data" file (data portability, GDPR art. 15 and 20): everything the platform
// holds about one person, from the rows lib/db/personal-data.ts reads for them, as one JSON
// document. Pure.
//
// The document, its keys always in this order:
//   format: "sti-lms-personal-data", version: 1, exportedAt (ISO 8601, UTC),
//   user            profile and account fields
//   mailPreferences which optional e-mail the person receives
//   signInMethods   how they sign in (Auth.js accounts: provider and type only)
//   enrolments, lectureMarks, quizAttempts, quizOverrides, attendance, excuseRequests,
//   certificates, zoomNames, notices, emails, passkeys, sessions, auditEvents
// Each list is oldest first; every instant is an ISO 8601 string in UTC.
//
// Left out on purpose: secrets (session tokens, sign-in links and codes, passkey public keys
// and counters, Auth.js account tokens, anything hashed, the issuer's keys), the answer key of
// a quiz (and per-question correctness, which the cohort's feedback rules may still withhold),
// and anything about another person: who marked, decided, set or issued something, and the
// details of an organiser's own actions on other people's records.
import { OPTIONAL_MAIL_KINDS, wantsMail } from "./mail-preferences";
import { maskSignInText } from "./outbox";
import type * as Row from "./personal-data-rows";

export type { PersonalDataRows } from "./personal-data-rows";

export const PERSONAL_DATA_FORMAT = "sti-lms-personal-data";
export const PERSONAL_DATA_VERSION = 1;

/** Keys that name a secret; free-form JSON (audit before/after, notice data) is stripped of them too. */
export const SECRET_KEY = /token|secret|hash|password|public_?key|private|counter|credential|challenge/i;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A stored JSON value with its object keys sorted and every secret-looking key dropped. */
export function plainJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(plainJson);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, v]) => [key, plainJson(v)]));
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Oldest first; rows of the same instant keep the order they came in. */
function oldestFirst<T>(rows: readonly T[], at: (row: T) => Date): T[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => at(a.row).getTime() - at(b.row).getTime() || a.i - b.i)
    .map(({ row }) => row);
}

const cohortOf = (c: Row.CohortRef | null) => (c ? { name: c.name, slug: c.slug } : null);

const liveSessionOf = (s: Row.LiveSessionRef) => ({
  cohort: cohortOf(s.cohort),
  lectureSlug: s.lectureSlug,
  startsAt: iso(s.startsAt),
  endsAt: iso(s.endsAt),
});

/** A sign-in e-mail's subject carries its code until the mail is sent: never in the file. */
export function maskedSubject(mail: { kind: string; subject: string }): string {
  return maskSignInText(mail.subject, mail.kind === "sign-in" || /sign-in code/i.test(mail.subject));
}

/**
 * An audit entry as its subject sees it. By them: with the address it came from. About them
 * (their account or one of their records): what changed. An organiser's action on someone
 * else's record keeps only what was done and when; someone else's address is never shown.
 */
function auditEventOf(e: Row.AuditRow, userId: string) {
  const byYou = e.actorId === userId;
  return {
    at: iso(e.at),
    action: e.action,
    byYou,
    aboutYou: e.aboutUser,
    entity: e.entity,
    entityId: e.aboutUser ? e.entityId : null,
    before: e.aboutUser ? plainJson(e.before) : null,
    after: e.aboutUser ? plainJson(e.after) : null,
    ip: byYou ? e.ip : null,
  };
}

/** The export document of one person's rows, written at `exportedAt`. */
export function shapePersonalData(rows: Row.PersonalDataRows, exportedAt: Date) {
  const u = rows.user;
  return {
    format: PERSONAL_DATA_FORMAT,
    version: PERSONAL_DATA_VERSION,
    exportedAt: exportedAt.toISOString(),
    user: {
      id: u.id,
      email: u.email,
      emailVerified: iso(u.emailVerified),
      name: u.name,
      image: u.image,
      role: u.role,
      certificateName: u.certificateName,
      nativeName: u.nativeName,
      country: u.country,
      organisation: u.organisation,
      position: u.position,
      organisationType: u.organisationType,
      timeZone: u.timeZone,
      profileCompletedAt: iso(u.profileCompletedAt),
      personSetFields: [...u.personSetFields].sort(),
      createdAt: iso(u.createdAt),
      updatedAt: iso(u.updatedAt),
    },
    mailPreferences: {
      receives: Object.fromEntries(OPTIONAL_MAIL_KINDS.map((k) => [k, wantsMail(u.mailOptOuts, k)])),
    },
    signInMethods: oldestFirst(rows.accounts, (a) => a.createdAt).map((a) => ({
      provider: a.provider,
      type: a.type,
      createdAt: iso(a.createdAt),
    })),
    enrolments: oldestFirst(rows.enrolments, (e) => e.createdAt).map((e) => ({
      cohort: cohortOf(e.cohort),
      status: e.status,
      source: e.source,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    })),
    lectureMarks: oldestFirst(rows.lectureMarks, (m) => m.markedAt).map((m) => ({
      cohort: cohortOf(m.cohort),
      lectureSlug: m.lectureSlug,
      markedAt: iso(m.markedAt),
    })),
    quizAttempts: oldestFirst(rows.quizAttempts, (a) => a.startedAt).map((a) => ({
      cohort: cohortOf(a.cohort),
      lectureSlug: a.lectureSlug,
      number: a.number,
      status: a.status,
      startedAt: iso(a.startedAt),
      deadlineAt: iso(a.deadlineAt),
      submittedAt: iso(a.submittedAt),
      submittedBy: a.submittedBy,
      responses: plainJson(a.responses),
      grade: a.grade
        ? {
            score: a.grade.score,
            maxScore: a.grade.maxScore,
            percent: a.percent ?? a.grade.percent,
            passed: a.passed,
            regraded: a.grade.regraded === true,
          }
        : null,
    })),
    quizOverrides: oldestFirst(rows.quizOverrides, (o) => o.setAt).map((o) => ({
      cohort: cohortOf(o.cohort),
      lectureSlug: o.lectureSlug,
      extraAttempts: o.extraAttempts,
      extraMinutes: o.extraMinutes,
      closesAt: iso(o.closesAt),
      setAt: iso(o.setAt),
    })),
    attendance: oldestFirst(rows.attendance, (r) => r.session.startsAt).map((r) => ({
      session: liveSessionOf(r.session),
      status: r.status,
      source: r.source,
      minutes: r.minutes,
      note: r.note,
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
    excuseRequests: oldestFirst(rows.excuseRequests, (x) => x.createdAt).map((x) => ({
      session: liveSessionOf(x.session),
      reason: x.reason,
      status: x.status,
      decidedAt: iso(x.decidedAt),
      decisionNote: x.decisionNote,
      createdAt: iso(x.createdAt),
    })),
    certificates: oldestFirst(rows.certificates, (c) => c.issuedAt).map((c) => ({
      code: c.code,
      cohort: cohortOf(c.cohort),
      status: c.replacedByCode ? "replaced" : c.revokedAt ? "revoked" : "valid",
      name: c.name,
      nativeName: c.nativeName,
      issuedAt: iso(c.issuedAt),
      revokedAt: iso(c.revokedAt),
      revokedReason: c.revokedReason,
      replacedBy: c.replacedByCode,
    })),
    zoomNames: oldestFirst(rows.zoomNames, (z) => z.createdAt).map((z) => ({
      cohort: cohortOf(z.cohort),
      zoomName: z.zoomName,
      zoomEmail: z.zoomEmail,
      createdAt: iso(z.createdAt),
    })),
    notices: oldestFirst(rows.notices, (n) => n.createdAt).map((n) => ({
      kind: n.kind,
      cohort: cohortOf(n.cohort),
      data: plainJson(n.data),
      createdAt: iso(n.createdAt),
    })),
    emails: oldestFirst(rows.emails, (m) => m.createdAt).map((m) => ({
      kind: m.kind,
      subject: maskedSubject(m),
      createdAt: iso(m.createdAt),
      sentAt: iso(m.sentAt),
      failedAt: iso(m.failedAt),
      attempts: m.attempts,
      error: m.error,
    })),
    passkeys: oldestFirst(rows.passkeys, (p) => p.createdAt).map((p) => ({
      name: p.name,
      createdAt: iso(p.createdAt),
      lastUsedAt: iso(p.lastUsedAt),
    })),
    sessions: oldestFirst(rows.sessions, (s) => s.createdAt).map((s) => ({
      createdAt: iso(s.createdAt),
      lastUsedAt: iso(s.lastUsedAt),
      expiresAt: iso(s.expires),
      secondFactorAt: iso(s.secondFactorAt),
    })),
    auditEvents: oldestFirst(rows.auditEvents, (e) => e.at).map((e) => auditEventOf(e, u.id)),
  };
}

export type PersonalDataExport = ReturnType<typeof shapePersonalData>;

/** The download's file name: my-data-<yyyy-mm-dd>.json, the UTC day of the export. */
export const personalDataFileName = (exportedAt: Date) => `my-data-${exportedAt.toISOString().slice(0, 10)}.json`;
