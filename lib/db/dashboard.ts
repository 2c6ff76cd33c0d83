// What the participant's dashboard shows, for all of the acting user's cohorts at once:
// the cohorts with their schedules, each quiz's status, their attendance, certificates and
// what a certificate still needs, and progress through the lectures. Four statements whatever the number of cohorts, sent
// together (plus, only for an attempt whose time is up and whose questions this process
// has not read yet, its quiz version). Everything read is the acting user's own rows or
// their cohorts' settings; nothing is written.
import { z } from "zod";
import {
  AttemptStatus,
  AttendanceSource,
  AttendanceStatus,
  EnrolmentStatus,
  ExcuseStatus,
} from "@/generated/prisma/enums";
import { attendanceRate } from "@/lib/domain/attendance";
import {
  certificateRuleOf,
  participantEligibility,
  type Eligibility,
  type EligibilitySession,
} from "@/lib/domain/certificates";
import {
  courseDeadline,
  courseProgress,
  quizWindow,
  type CourseDeadline,
  type CourseProgress,
} from "@/lib/domain/progress";
import { effectiveAttempt, isPastDeadline, overdueCutoff, quizStatus, type QuizStatus } from "@/lib/domain/quiz";
import { DEFAULT_ATTENDANCE_SETTINGS } from "./attendance";
import type { Db } from "./client";
import type { LectureRef } from "./certificates";
import { readResponses } from "./json-columns";
import { timedOutAttempt } from "@/lib/domain/quiz-summary";
import { effectiveQuizRules } from "@/lib/domain/quiz-override";
import { ZOverrideJson } from "./quiz-overrides";
import { quizRulesOf, ZQuizRulesJson } from "./quiz-rules";
import { versionQuestions } from "./quiz-versions";
import { sql } from "./sql";

/** An enrolment still in force (active, or a request waiting) in a cohort not archived, with the cohort's settings. */
const ZCohortRow = z.strictObject({
  status: z.enum([EnrolmentStatus.ACTIVE, EnrolmentStatus.PENDING]),
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  time_zone: z.string(),
  starts_on: z.date(),
  ends_on: z.date(),
  quiz_rules: ZQuizRulesJson.nullable(),
  excused_counts: z.boolean().nullable(),
  min_attendance_percent: z.number().int().nullable(),
  required_quizzes: z.array(z.string()).nullable(),
  auto_issue: z.boolean().nullable(),
  /** The lectures the user marked as studied in the cohort (lecture-marks.ts). */
  marked: z.array(z.string()),
  /** The user's own quiz overrides in the cohort (quiz-overrides.ts), by lecture. */
  overrides: z.array(ZOverrideJson.extend({ lectureSlug: z.string() })),
});

/** A live session of a cohort where the user has an active place, with their record and excuse request. */
const ZSessionRow = z.strictObject({
  id: z.string(),
  cohort_id: z.string(),
  lecture_slug: z.string(),
  starts_at: z.date(),
  ends_at: z.date(),
  join_url: z.string().nullable(),
  updated_at: z.date(),
  check_in_open: z.boolean(),
  attendance: z.enum(AttendanceStatus).nullable(),
  source: z.enum(AttendanceSource).nullable(),
  excuse: z.enum(ExcuseStatus).nullable(),
  excuse_note: z.string().nullable(),
});

/** One of the user's quiz attempts in such a cohort; its saved answers only when its time is up. */
const ZAttemptRow = z.strictObject({
  id: z.string(),
  cohort_id: z.string(),
  lecture_slug: z.string(),
  version_id: z.string(),
  status: z.enum(AttemptStatus),
  deadline_at: z.date().nullable(),
  submitted_at: z.date().nullable(),
  submitted_by: z.string().nullable(),
  percent: z.number().nullable(),
  passed: z.boolean().nullable(),
  responses: z.unknown(),
});

/** One of the user's certificates in such a cohort. */
const ZCertificateRow = z.strictObject({
  id: z.string(),
  cohort_id: z.string(),
  code: z.string(),
  issued_at: z.date(),
  revoked_at: z.date().nullable(),
  revoked_reason: z.string().nullable(),
  replaced_by_id: z.string().nullable(),
  name: z.string(),
  native_name: z.string().nullable(),
  country: z.string().nullable(),
});

type SessionRow = z.output<typeof ZSessionRow>;
type AttemptRow = z.output<typeof ZAttemptRow>;
type CertificateRow = z.output<typeof ZCertificateRow>;

export type DashboardSession = {
  id: string;
  lectureSlug: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
  updatedAt: Date;
  /** Self check-in is open now and the user's attendance is not recorded yet (lib/db/check-in.ts). */
  checkInOpen: boolean;
};
export type DashboardAttendanceSession = {
  id: string;
  lectureSlug: string;
  startsAt: Date;
  endsAt: Date;
  status: AttendanceStatus | null;
  source: AttendanceSource | null;
  excuse: ExcuseStatus | null;
  /** The organisers' message with their decision on the excuse request. */
  excuseNote: string | null;
};
export type DashboardAttendance = {
  sessions: DashboardAttendanceSession[];
  /** Over the sessions held so far (lib/domain/attendance.ts attendanceRate); null when none counts. */
  rate: number | null;
  held: number;
  excusedCounts: boolean;
};
export type DashboardCertificate = {
  id: string;
  code: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  replacedById: string | null;
  /** The names as printed, and the holder's country (which tells the language of a name in another script). */
  name: string;
  nativeName: string | null;
  holderCountry: string | null;
};
export type DashboardCohort = {
  id: string;
  name: string;
  slug: string;
  description: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  sessions: DashboardSession[];
};
export type ActiveCohort = {
  status: "ACTIVE";
  cohort: DashboardCohort;
  /** Each lecture's quiz, by slug. */
  quizzes: Record<string, QuizStatus>;
  /** By lecture slug: the latest attempt, when it was submitted because its time ran out (its result is what to see). */
  timedOut: Record<string, string>;
  attendance: DashboardAttendance;
  /** Newest first. */
  certificates: DashboardCertificate[];
  eligibility: Eligibility;
  autoIssue: boolean;
  /** Lectures studied (marked, or quiz passed) and the next thing to do (lib/domain/progress.ts). */
  progress: CourseProgress;
  deadline: CourseDeadline;
};
export type PendingCohort = { status: "PENDING"; cohort: DashboardCohort };

/**
 * The acting user's dashboard as it stands at `now`: their cohorts, newest enrolment first,
 * active places with everything the page shows of them, requests still waiting with the
 * cohort alone. Attempts whose time is up count as submitted at their deadline
 * (lib/db/quiz-deadlines.ts attemptsAsOf); nothing is written.
 */
export async function ownDashboard(
  db: Db,
  userId: string,
  lectures: readonly LectureRef[],
  now = new Date(),
): Promise<(ActiveCohort | PendingCohort)[]> {
  const q = sql(db);
  const cutoff = overdueCutoff(now);
  const [cohortRows, sessionRows, attemptRows, certificateRows] = await Promise.all([
    q.rows(ZCohortRow)`
      SELECT e.status, c.id, c.name, c.slug, c.description, c.time_zone,
             c.starts_on::timestamp AT TIME ZONE 'UTC' AS starts_on, c.ends_on::timestamp AT TIME ZONE 'UTC' AS ends_on,
             CASE WHEN r.cohort_id IS NULL THEN NULL ELSE json_build_object('passPercent', r.pass_percent,
               'maxAttempts', r.max_attempts, 'timeLimitMinutes', r.time_limit_minutes, 'opensAt', r.opens_at,
               'closesAt', r.closes_at, 'shuffleQuestions', r.shuffle_questions, 'shuffleOptions', r.shuffle_options,
               'scorePolicy', r.score_policy, 'feedback', r.feedback) END AS quiz_rules,
             a.excused_counts, cr.min_attendance_percent, cr.required_quizzes, cr.auto_issue,
             ARRAY(SELECT m.lecture_slug FROM lecture_marks m
                    WHERE m.user_id = e.user_id AND m.cohort_id = e.cohort_id) AS marked,
             COALESCE((SELECT json_agg(json_build_object('lectureSlug', v.lecture_slug, 'extraAttempts', v.extra_attempts,
                       'extraMinutes', v.extra_minutes, 'closesAt', v.closes_at))
                FROM quiz_overrides v WHERE v.user_id = e.user_id AND v.cohort_id = e.cohort_id), '[]'::json) AS overrides
        FROM enrolments e
        JOIN cohorts c ON c.id = e.cohort_id AND c.archived_at IS NULL
        LEFT JOIN quiz_rules r ON r.cohort_id = c.id
        LEFT JOIN attendance_settings a ON a.cohort_id = c.id
        LEFT JOIN certificate_rules cr ON cr.cohort_id = c.id
       WHERE e.user_id = ${userId} AND e.status IN ('ACTIVE', 'PENDING')
       ORDER BY e.created_at DESC`,
    q.rows(ZSessionRow)`
      SELECT s.id, s.cohort_id, s.lecture_slug, s.starts_at, s.ends_at, s.join_url, s.updated_at,
             (s.check_in_secret IS NOT NULL AND s.check_in_closes_at > ${now}) AS check_in_open,
             ar.status AS attendance, ar.source, x.status AS excuse, x.decision_note AS excuse_note
        FROM enrolments e
        JOIN live_sessions s ON s.cohort_id = e.cohort_id
        LEFT JOIN attendance_records ar ON ar.session_id = s.id AND ar.user_id = e.user_id
        LEFT JOIN excuse_requests x ON x.session_id = s.id AND x.user_id = e.user_id
       WHERE e.user_id = ${userId} AND e.status = 'ACTIVE'
       ORDER BY s.starts_at, s.id`,
    q.rows(ZAttemptRow)`
      SELECT q.id, q.cohort_id, q.lecture_slug, q.version_id, q.status, q.deadline_at, q.submitted_at,
             q.submitted_by, q.percent::float8 AS percent, q.passed,
             CASE WHEN q.status = 'IN_PROGRESS' AND q.deadline_at < ${cutoff} THEN q.responses END AS responses
        FROM enrolments e
        JOIN quiz_attempts q ON q.cohort_id = e.cohort_id AND q.user_id = e.user_id
       WHERE e.user_id = ${userId} AND e.status = 'ACTIVE'
       ORDER BY q.number`,
    q.rows(ZCertificateRow)`
      SELECT t.id, t.cohort_id, t.code, t.issued_at, t.revoked_at, t.revoked_reason, t.replaced_by_id,
             t.name, t.native_name, u.country
        FROM enrolments e
        JOIN certificates t ON t.cohort_id = e.cohort_id AND t.user_id = e.user_id
        JOIN users u ON u.id = e.user_id
       WHERE e.user_id = ${userId} AND e.status = 'ACTIVE'
       ORDER BY t.issued_at DESC`,
  ]);
  const rows = { sessions: sessionRows, attempts: attemptRows, certificates: certificateRows };
  return Promise.all(cohortRows.map((row) => cohortPanels(db, row, rows, lectures, now)));
}

/** One cohort of the dashboard from the rows ownDashboard read: a waiting request shows the cohort alone. */
async function cohortPanels(
  db: Db,
  row: z.output<typeof ZCohortRow>,
  rows: { sessions: SessionRow[]; attempts: AttemptRow[]; certificates: CertificateRow[] },
  lectures: readonly LectureRef[],
  now: Date,
): Promise<ActiveCohort | PendingCohort> {
  const cohort: DashboardCohort = {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    timeZone: row.time_zone,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    sessions: [],
  };
  if (row.status === "PENDING") return { status: "PENDING", cohort };
  const sessions = rows.sessions.filter((s) => s.cohort_id === row.id);
  cohort.sessions = sessions.map((s) => ({
    id: s.id,
    lectureSlug: s.lecture_slug,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    joinUrl: s.join_url,
    updatedAt: s.updated_at,
    // A mark already given stays (checkIn refuses it), so there is nothing to check in to.
    checkInOpen: s.check_in_open && (s.attendance === null || s.attendance === "ABSENT"),
  }));
  const quizRules = quizRulesOf(row.quiz_rules);
  const excusedCounts = row.excused_counts ?? DEFAULT_ATTENDANCE_SETTINGS.excusedCounts;
  const rule = certificateRuleOf(
    row.min_attendance_percent === null || row.required_quizzes === null || row.auto_issue === null
      ? null
      : {
          minAttendancePercent: row.min_attendance_percent,
          requiredQuizzes: row.required_quizzes,
          autoIssue: row.auto_issue,
        },
    lectures,
  );
  const attempts = await attemptsAsOfNow(
    db,
    rows.attempts.filter((a) => a.cohort_id === row.id),
    quizRules,
    now,
  );
  const attendanceSessions = sessions.map((s) => ({
    id: s.id,
    lectureSlug: s.lecture_slug,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    status: s.attendance,
    source: s.source,
    excuse: s.excuse,
    excuseNote: s.excuse_note,
  }));
  const held = attendanceSessions.filter((s) => s.startsAt <= now);
  const eligibilitySessions: EligibilitySession[] = attendanceSessions.map((s) => ({
    id: s.id,
    lectureSlug: s.lectureSlug,
    held: s.startsAt <= now,
    status: s.status,
    excuse: s.excuse,
  }));
  // Each quiz's rules as they are for this person: their own overrides extend them.
  const rulesOf = Object.fromEntries(
    lectures.map((l) => [
      l.slug,
      effectiveQuizRules(quizRules, row.overrides.find((o) => o.lectureSlug === l.slug) ?? null),
    ]),
  );
  const quizzes = Object.fromEntries(
    lectures.map((l) => [
      l.slug,
      quizStatus(
        rulesOf[l.slug]!,
        attempts
          .filter((a) => a.lectureSlug === l.slug)
          .map((a) => ({ submitted: a.status === "SUBMITTED", percent: a.percent })),
      ),
    ]),
  );
  const marked = new Set(row.marked);
  return {
    status: "ACTIVE",
    cohort,
    quizzes,
    progress: courseProgress(
      lectures.map((l) => ({ slug: l.slug, number: l.number, marked: marked.has(l.slug), quiz: quizzes[l.slug]! })),
      (slug) => quizWindow(rulesOf[slug]!, now),
    ),
    timedOut: Object.fromEntries(
      lectures.flatMap((l) => {
        const attempt = timedOutAttempt(attempts.filter((a) => a.lectureSlug === l.slug));
        return attempt ? [[l.slug, attempt.id]] : [];
      }),
    ),
    deadline: courseDeadline(
      lectures.map((l) => ({ closesAt: rulesOf[l.slug]!.closesAt, passed: quizzes[l.slug]!.status === "passed" })),
      { endsOn: row.ends_on, timeZone: row.time_zone },
      now,
    ),
    attendance: {
      sessions: attendanceSessions,
      rate: attendanceRate(
        held.map((s) => s.status),
        { excusedCounts },
      ),
      held: held.length,
      excusedCounts,
    },
    certificates: rows.certificates
      .filter((c) => c.cohort_id === row.id)
      .map((c) => ({
        id: c.id,
        code: c.code,
        issuedAt: c.issued_at,
        revokedAt: c.revoked_at,
        revokedReason: c.revoked_reason,
        replacedById: c.replaced_by_id,
        name: c.name,
        nativeName: c.native_name,
        holderCountry: c.country,
      })),
    eligibility: participantEligibility({
      rule,
      excusedCounts,
      quizRules,
      lectures,
      sessions: eligibilitySessions,
      attempts,
    }),
    autoIssue: rule.autoIssue,
  };
}

/**
 * One cohort's attempts as they stand at `now`, as attemptsAsOf says: one in progress whose
 * time is up counts as submitted at its deadline, graded from the answers the row carries.
 */
function attemptsAsOfNow(db: Db, rows: readonly AttemptRow[], rules: ReturnType<typeof quizRulesOf>, now: Date) {
  return Promise.all(
    rows.map(async (r) => {
      const state = {
        id: r.id,
        lectureSlug: r.lecture_slug,
        status: r.status,
        deadlineAt: r.deadline_at,
        submittedAt: r.submitted_at,
        submittedBy: r.submitted_by,
        percent: r.percent,
        passed: r.passed,
      };
      if (!isPastDeadline(state, now)) return state;
      const taken = { questions: await versionQuestions(db, r.version_id), responses: readResponses(r.responses) };
      return effectiveAttempt(state, taken, rules, now);
    }),
  );
}
