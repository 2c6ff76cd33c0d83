// Direct access to the e2e database: the state a test starts from (cohorts, people,
// sessions, marks), made here rather than through pages another test already drives,
// and what a person would read in their mailbox.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashVerificationToken } from "../../lib/auth/codes";
import { addDays, dayIn } from "./time";

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString("hex")}@example.org`;

/** A name no other test's cohort has: "Approval cohort 3f9a1c". */
export const uniqueName = (what: string) => `${what} ${randomBytes(3).toString("hex")}`;

/** The newest sign-in e-mail the mail sink kept for this address (not a notice or reminder sent since): its code and link. */
export async function latestSignInEmail(to: string) {
  const [mail] = await query<{ text: string; subject: string }>(
    `SELECT text, subject FROM outbound_emails WHERE "to" = $1 AND text LIKE '%/api/auth/callback/nodemailer%'
      ORDER BY created_at DESC LIMIT 1`,
    [to],
  );
  if (!mail) throw new Error(`no e-mail to ${to}`);
  const code = /code on the sign-in page: (\d{3} \d{3})/.exec(mail.text)?.[1];
  const link = /(https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+)/.exec(mail.text)?.[1];
  if (!code || !link) throw new Error(`no code or link in: ${mail.text}`);
  return { ...mail, code, link };
}

export async function auditActions(subject: string): Promise<string[]> {
  const rows = await query<{ action: string }>(`SELECT action FROM audit_events WHERE subject = $1 ORDER BY at`, [
    subject,
  ]);
  return rows.map((r) => r.action);
}

/** An admin account (as the seed makes one: an address, no profile); returns the user id. */
export async function addAdmin(email: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO users (id, email, role, updated_at) VALUES ($1, $2, 'ADMIN', now()) ON CONFLICT (email) DO UPDATE SET role = 'ADMIN' RETURNING id`,
    [`admin-${randomBytes(4).toString("hex")}`, email],
  );
  return row!.id;
}

/** An organiser's account, assigned to organise each of `cohortIds` (as an admin's assignment would). */
export async function addOrganiser(email: string, cohortIds: readonly string[]): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO users (id, email, role, updated_at) VALUES ($1, $2, 'ORGANISER', now())
     ON CONFLICT (email) DO UPDATE SET role = 'ORGANISER' RETURNING id`,
    [`organiser-${randomBytes(4).toString("hex")}`, email],
  );
  for (const cohortId of cohortIds)
    await query(`INSERT INTO cohort_organisers (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      cohortId,
      row!.id,
    ]);
  return row!.id;
}

/** An admin account and a one-time sign-in link for it, as `npm start` prints. */
export async function adminSignInPath(email: string, callbackUrl = "/account") {
  await addAdmin(email);
  return signInPath(email, callbackUrl);
}

/** A one-time sign-in link for an existing account, as the sign-in e-mail carries. */
export async function signInPath(email: string, callbackUrl = "/account") {
  const token = randomBytes(24).toString("hex");
  await query(
    `INSERT INTO verification_tokens (identifier, token, expires) VALUES ($1, $2, now() + interval '15 minutes')`,
    [email, hashVerificationToken(token, process.env.AUTH_SECRET ?? "")],
  );
  return `/api/auth/callback/nodemailer?${new URLSearchParams({ callbackUrl, token, email })}`;
}

export async function setRole(email: string, role: "ADMIN" | "PARTICIPANT") {
  await query(`UPDATE users SET role = $2 WHERE email = $1`, [email, role]);
}

const COHORT_TIME_ZONE = "Asia/Karachi";

export type Cohort = {
  id: string;
  inviteCode: string;
  name: string;
  timeZone: string;
  /** First and last day, "YYYY-MM-DD". */
  startsOn: string;
  endsOn: string;
};

/**
 * A cohort made directly in the database, in Asia/Karachi (no daylight saving time) unless
 * `timeZone` names another. It
 * runs from two weeks before today to two weeks after, so that sessions a few days either
 * side of now fall within its dates, unless `days` gives its first and last day in days
 * from today.
 */
export async function createCohort(data: {
  name: string;
  capacity?: number;
  mode?: "OPEN" | "APPROVAL" | "INVITE_ONLY";
  enrolmentClosesAt?: Date;
  days?: { first: number; last: number };
  timeZone?: string;
}): Promise<Cohort> {
  const id = `c${randomBytes(6).toString("hex")}`;
  const timeZone = data.timeZone ?? COHORT_TIME_ZONE;
  const today = dayIn(new Date(), timeZone);
  const startsOn = addDays(today, data.days?.first ?? -14);
  const endsOn = addDays(today, data.days?.last ?? 14);
  const [row] = await query<{ invite_code: string }>(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, capacity, enrolment_mode, enrolment_closes_at, updated_at)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING invite_code`,
    [
      id,
      data.name,
      timeZone,
      startsOn,
      endsOn,
      data.capacity ?? null,
      data.mode ?? "OPEN",
      data.enrolmentClosesAt ?? null,
    ],
  );
  return { id, inviteCode: row!.invite_code, name: data.name, timeZone, startsOn, endsOn };
}

/** A live session of a cohort, made directly in the database. */
export async function addSession(cohortId: string, lectureSlug: string, startsAt: Date, endsAt: Date) {
  const id = `s${randomBytes(6).toString("hex")}`;
  await query(
    `INSERT INTO live_sessions (id, cohort_id, lecture_slug, starts_at, ends_at, join_url, updated_at) VALUES ($1, $2, $3, $4, $5, 'https://zoom.us/j/555', now())`,
    [id, cohortId, lectureSlug, startsAt, endsAt],
  );
  return id;
}

/** The newest e-mail the sink kept for this address, whatever it is. */
export async function latestEmail(to: string) {
  const [mail] = await query<{ text: string; subject: string }>(
    `SELECT text, subject FROM outbound_emails WHERE "to" = $1 ORDER BY created_at DESC LIMIT 1`,
    [to],
  );
  return mail;
}

/** Gives the person (by e-mail) a place in the cohort, active unless told otherwise. */
export async function enrol(email: string, cohortId: string, status: "ACTIVE" | "PENDING" = "ACTIVE") {
  await query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at)
     SELECT $1, id, $2, $4, now() FROM users WHERE email = $3`,
    [`e${randomBytes(6).toString("hex")}`, cohortId, email, status],
  );
}

export type Person = {
  name: string;
  /** ISO 3166 code. */
  country: string;
  organisation?: string;
  position?: string;
  /** As the profile's select sends it, e.g. "UNIVERSITY"; none by default. */
  organisationType?: string;
  timeZone?: string;
  /** The name in the person's own script, printed under the Latin one on certificates. */
  nativeName?: string;
};

/** Someone who has signed in before and completed the profile, made directly in the database; returns the user id. */
export async function addPerson(email: string, person: Person): Promise<string> {
  const id = `u${randomBytes(6).toString("hex")}`;
  await query(
    `INSERT INTO users (id, email, name, certificate_name, country, organisation, position, time_zone, native_name, organisation_type, email_verified, profile_completed_at, updated_at)
     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9::"OrganisationType", now(), now(), now())`,
    [
      id,
      email,
      person.name,
      person.country,
      person.organisation ?? "University",
      person.position ?? "Researcher",
      person.timeZone ?? "UTC",
      person.nativeName ?? null,
      person.organisationType ?? null,
    ],
  );
  return id;
}

/** Someone who has signed in before but not completed the profile; returns the user id. */
export async function addNewcomer(email: string): Promise<string> {
  const id = `u${randomBytes(6).toString("hex")}`;
  await query(`INSERT INTO users (id, email, email_verified, updated_at) VALUES ($1, $2, now(), now())`, [id, email]);
  return id;
}

/** A participant with a place in the cohort, made directly in the database (no sign-in). */
export async function addParticipant(cohortId: string, email: string, certificateName: string) {
  const id = `u${randomBytes(6).toString("hex")}`;
  await query(`INSERT INTO users (id, email, certificate_name, updated_at) VALUES ($1, $2, $3, now())`, [
    id,
    email,
    certificateName,
  ]);
  await query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at) VALUES ($1, $2, $3, 'ACTIVE', now())`,
    [`e${randomBytes(6).toString("hex")}`, id, cohortId],
  );
  return id;
}

/** A participant added by a roster import before it gave certificate names: a name, no certificate name. */
export async function addRosterParticipant(cohortId: string, email: string, name: string) {
  const id = `u${randomBytes(6).toString("hex")}`;
  await query(`INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, $3, now())`, [id, email, name]);
  await query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, source, updated_at) VALUES ($1, $2, $3, 'ACTIVE', 'ROSTER', now())`,
    [`e${randomBytes(6).toString("hex")}`, id, cohortId],
  );
  return id;
}

/** A manual attendance mark, made directly in the database. */
export async function markPresent(sessionId: string, email: string) {
  await markAttendance(sessionId, email, "PRESENT");
}

/**
 * An attendance mark, made directly in the database: by hand (by `markedBy`, an e-mail,
 * if given) or a self check-in (by the person).
 */
export async function markAttendance(
  sessionId: string,
  email: string,
  status: "PRESENT" | "LATE" | "EXCUSED" | "ABSENT",
  how: { source?: "MANUAL" | "SELF_CHECK_IN"; markedBy?: string } = {},
) {
  const source = how.source ?? "MANUAL";
  const markedBy = source === "SELF_CHECK_IN" ? email : (how.markedBy ?? null);
  await query(
    `INSERT INTO attendance_records (id, session_id, user_id, status, source, updated_by_id, updated_at)
     SELECT $1, $2, id, $4, $5, (SELECT id FROM users WHERE email = $6), now() FROM users WHERE email = $3`,
    [`a${randomBytes(6).toString("hex")}`, sessionId, email, status, source, markedBy],
  );
}

/** The attendance recorded for the person with `email` at a session: its status and source, or null. */
export async function attendanceOf(sessionId: string, email: string) {
  const rows = await query<{ status: string; source: string }>(
    `SELECT a.status, a.source FROM attendance_records a JOIN users u ON u.id = a.user_id WHERE a.session_id = $1 AND u.email = $2`,
    [sessionId, email],
  );
  return rows[0] ?? null;
}

/** Self check-in to the session open for the next `minutes`, as the admin's button opens it; returns its secret. */
export async function openCheckIn(sessionId: string, minutes = 15) {
  const secret = randomBytes(20).toString("hex");
  await query(
    `UPDATE live_sessions SET check_in_secret = $2, check_in_closes_at = now() + make_interval(mins => $3) WHERE id = $1`,
    [sessionId, secret, minutes],
  );
  return secret;
}

/** A participant's pending request to be excused from a session, made directly in the database. */
export async function requestExcuse(sessionId: string, email: string, reason: string) {
  await query(
    `INSERT INTO excuse_requests (id, session_id, user_id, reason, updated_at) SELECT $1, $2, id, $4, now() FROM users WHERE email = $3`,
    [`x${randomBytes(6).toString("hex")}`, sessionId, email, reason],
  );
}

/** Changes the name a person's certificate carries, as a profile edit would. */
export async function setCertificateName(email: string, name: string) {
  await query(`UPDATE users SET certificate_name = $2 WHERE email = $1`, [email, name]);
}

/** The person chooses their certificate name on their own profile: a roster then keeps it. */
export async function enterOwnCertificateName(email: string, name: string) {
  await query(
    `UPDATE users SET certificate_name = $2, profile_completed_at = now(),
       person_set_fields = array_append(array_remove(person_set_fields, 'certificateName'), 'certificateName')
     WHERE email = $1`,
    [email, name],
  );
}

/** How many audit entries of this action name this entity. */
/** How many places the cohort has given (ACTIVE enrolments). */
export async function enrolledCount(cohortId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 AND status = 'ACTIVE'`,
    [cohortId],
  );
  return row!.n;
}

export async function auditCount(action: string, entityId: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_events WHERE action = $1 AND entity_id = $2`,
    [action, entityId],
  );
  return Number(row!.n);
}

/** The cohort's certificate rule, written directly. */
export async function setCertificateRule(
  cohortId: string,
  rule: { minAttendancePercent: number; requiredQuizzes: string[]; autoIssue: boolean },
) {
  await query(
    `INSERT INTO certificate_rules (cohort_id, min_attendance_percent, required_quizzes, auto_issue, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (cohort_id) DO UPDATE SET min_attendance_percent = $2, required_quizzes = $3, auto_issue = $4`,
    [cohortId, rule.minAttendancePercent, rule.requiredQuizzes, rule.autoIssue],
  );
}

/** `count` participants with places in the cohort, in two statements. */
export async function addParticipants(cohortId: string, count: number, prefix: string) {
  await query(
    `INSERT INTO users (id, email, certificate_name, updated_at)
     SELECT $1 || i, $1 || i || '@example.org', 'Person ' || lpad(i::text, 4, '0'), now() FROM generate_series(1, $2) AS i`,
    [prefix, count],
  );
  await query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at)
     SELECT 'e' || $1 || i, $1 || i, $3, 'ACTIVE', now() FROM generate_series(1, $2) AS i`,
    [prefix, count, cohortId],
  );
}

/** A signed-in session for the user, as Auth.js keeps it: the cookie value a client sends. */
export async function openSession(userId: string): Promise<string> {
  const token = randomBytes(24).toString("hex");
  await query(
    `INSERT INTO sessions (id, session_token, user_id, expires, updated_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [`s${randomBytes(6).toString("hex")}`, token, userId],
  );
  return token;
}

/** The user's certificates in the cohort that are not revoked. */
export async function certificateCount(userId: string, cohortId: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    `SELECT count(*) AS n FROM certificates WHERE user_id = $1 AND cohort_id = $2 AND revoked_at IS NULL`,
    [userId, cohortId],
  );
  return Number(row!.n);
}

/** The attempt's row as the database holds it. */
export async function attemptRow(attemptId: string) {
  const [row] = await query<{ status: string; responses: Record<string, unknown>; percent: number | null }>(
    `SELECT status, responses, percent FROM quiz_attempts WHERE id = $1`,
    [attemptId],
  );
  return row;
}

/** How many quiz attempts the user has. */
export async function attemptCount(userId: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM quiz_attempts WHERE user_id = $1`, [userId]);
  return Number(row!.n);
}

/** The user's certificates in the cohort, newest first, as the database holds them. */
export async function certificatesOf(userId: string, cohortId: string) {
  return query<{ id: string; code: string; revoked_at: Date | null }>(
    `SELECT id, code, revoked_at FROM certificates WHERE user_id = $1 AND cohort_id = $2 ORDER BY issued_at DESC`,
    [userId, cohortId],
  );
}

/** What PostgreSQL takes for now. */
export async function databaseNow(): Promise<Date> {
  const [row] = await query<{ now: Date }>(`SELECT now()`);
  return row!.now;
}

/** Gives the cohort's quizzes a time limit (the other rules at their defaults). */
export async function setQuizTimeLimit(cohortId: string, minutes: number) {
  await query(
    `INSERT INTO quiz_rules (cohort_id, time_limit_minutes, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (cohort_id) DO UPDATE SET time_limit_minutes = $2, updated_at = now()`,
    [cohortId, minutes],
  );
}

/** Sets the cohort's attempt limit (null: unlimited) and closing time (null: never closes). */
export async function setQuizLimits(cohortId: string, maxAttempts: number | null, closesAt: Date | null) {
  await query(
    `INSERT INTO quiz_rules (cohort_id, max_attempts, closes_at, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (cohort_id) DO UPDATE SET max_attempts = $2, closes_at = $3, updated_at = now()`,
    [cohortId, maxAttempts, closesAt],
  );
}

/** Moves an attempt's start and deadline, as if it had been started earlier (and left). */
export async function moveAttempt(attemptId: string, startedAt: Date, deadlineAt: Date) {
  await query(`UPDATE quiz_attempts SET started_at = $2, deadline_at = $3 WHERE id = $1`, [
    attemptId,
    startedAt,
    deadlineAt,
  ]);
}

export type AuditRow = {
  action: string;
  actorId?: string | null;
  subject?: string | null;
  entity?: string | null;
  entityId?: string | null;
  cohortId?: string | null;
  before?: unknown;
  after?: unknown;
  at: Date;
};

/** Audit entries as the app records them, written in one statement (a long log for paging). */
export async function addAuditEvents(rows: readonly AuditRow[]) {
  await query(
    `INSERT INTO audit_events (id, actor_id, subject, action, entity, entity_id, cohort_id, before, after, at)
     SELECT 'a' || md5(random()::text || v.n), v.actor_id, v.subject, v.action, v.entity, v.entity_id, v.cohort_id, v.before::jsonb, v.after::jsonb, v.at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::int[])
       AS v(actor_id, subject, action, entity, entity_id, cohort_id, before, after, at, n)`,
    [
      rows.map((r) => r.actorId ?? null),
      rows.map((r) => r.subject ?? null),
      rows.map((r) => r.action),
      rows.map((r) => r.entity ?? null),
      rows.map((r) => r.entityId ?? null),
      rows.map((r) => r.cohortId ?? null),
      rows.map((r) => (r.before === undefined ? null : JSON.stringify(r.before))),
      rows.map((r) => (r.after === undefined ? null : JSON.stringify(r.after))),
      rows.map((r) => r.at.toISOString()),
      rows.map((_, i) => i),
    ],
  );
}

/**
 * A job the worker cannot run (its payload is not what the task reads), allowed one attempt:
 * the server's worker takes it at once and it fails for good. Its key, to find it by.
 */
export async function addBrokenJob(): Promise<string> {
  const key = `e2e-broken-${randomBytes(4).toString("hex")}`;
  await query(
    `SELECT graphile_worker.add_job('send-email', '{"broken": true}'::json, max_attempts := 1, job_key := $1)`,
    [key],
  );
  return key;
}

/** The job's attempts so far and when it is (or was) due. */
export async function jobState(key: string): Promise<{ attempts: number; runAt: Date } | undefined> {
  const [row] = await query<{ attempts: number; run_at: Date }>(
    `SELECT attempts, run_at FROM graphile_worker.jobs WHERE key = $1`,
    [key],
  );
  return row && { attempts: row.attempts, runAt: row.run_at };
}

/** Moves the failed job's due time an hour back (its attempts stay used up), so that a run after it shows. */
export async function backdateFailedJob(key: string) {
  await query(
    `SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE key = $1),
       run_at := now() - interval '1 hour', attempts := 1)`,
    [key],
  );
}

/** The kinds of optional mail the person (by id) has turned off. */
export async function mailOptOuts(userId: string): Promise<string[]> {
  const [row] = await query<{ mail_opt_outs: string[] }>(`SELECT mail_opt_outs FROM users WHERE id = $1`, [userId]);
  return row?.mail_opt_outs ?? [];
}

/** The newest e-mail of this kind kept for this address (the sink keeps each, sent by the app's worker). */
export async function latestEmailOfKind(to: string, kind: string) {
  const [mail] = await query<{ text: string; subject: string; sent_at: Date | null; unsubscribe_url: string | null }>(
    `SELECT text, subject, sent_at, unsubscribe_url FROM outbound_emails WHERE "to" = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
    [to, kind],
  );
  return mail;
}
