// Certificate rules: who has earned one, what is still missing, and the codes people type.
import { asciiDigits } from "./digits";
import type { AttendanceStatus } from "./attendance";
import { countedPercent, hasPassed, quizStatus, type QuizRules } from "./quiz";

export type CertificateRule = { minAttendancePercent: number; requiredQuizzes: string[]; autoIssue: boolean };

export const defaultCertificateRule = (lectureSlugs: readonly string[]): CertificateRule => ({
  minAttendancePercent: 80,
  requiredQuizzes: [...lectureSlugs],
  autoIssue: true,
});

/**
 * A cohort's rule from its stored row (the default when it has none), requiring only
 * quizzes of lectures that exist: a removed lecture's quiz cannot hold anyone back.
 */
export function certificateRuleOf(row: CertificateRule | null, lectures: readonly { slug: string }[]): CertificateRule {
  if (!row) return defaultCertificateRule(lectures.map((l) => l.slug));
  const known = new Set(lectures.map((l) => l.slug));
  return {
    minAttendancePercent: row.minAttendancePercent,
    requiredQuizzes: row.requiredQuizzes.filter((s) => known.has(s)),
    autoIssue: row.autoIssue,
  };
}

export type EligibilitySession = {
  id: string;
  lectureSlug: string;
  held: boolean;
  status: AttendanceStatus | null;
  /** The participant's request to be excused, if any. */
  excuse: "PENDING" | "APPROVED" | "REJECTED" | null;
};

export type EligibilityQuiz = {
  slug: string;
  number: number;
  passed: boolean;
  inProgress: boolean;
  /** Null: unlimited. */
  attemptsLeft: number | null;
};

export type MissingQuiz = {
  kind: "quiz";
  slug: string;
  number: number;
  state: "not-started" | "in-progress" | "retry" | "no-attempts-left";
};
export type MissingAttendance = {
  kind: "attendance";
  /** Sessions attended (or excused, when excused counts) so far, and how many are needed in all. */
  attended: number;
  needed: number;
  /** Of the sessions still to come, how many more to attend; null when even all of them would not be enough. */
  attendMore: number | null;
  /** Held sessions missed without a request to be excused: asking could close the gap. */
  excusable: string[];
  /** Requests to be excused not decided yet. */
  pendingExcuses: number;
};
export type Missing = MissingQuiz | MissingAttendance;
export type Eligibility = { eligible: boolean; missing: Missing[] };

const ATTENDED: ReadonlySet<AttendanceStatus | null> = new Set(["PRESENT", "LATE"]);

/**
 * The attendance rule counts every session of the cohort, held or not: a rate over the
 * sessions held so far would make someone eligible after attending the first one.
 * An excused absence counts as attended, or (excusedCounts false) leaves the count.
 */
function attendanceGap(
  rule: CertificateRule,
  sessions: readonly EligibilitySession[],
  excusedCounts: boolean,
): MissingAttendance | null {
  const counted = sessions.filter((s) => excusedCounts || s.status !== "EXCUSED");
  const attended = counted.filter((s) => ATTENDED.has(s.status) || (excusedCounts && s.status === "EXCUSED")).length;
  const needed = Math.ceil((rule.minAttendancePercent * counted.length) / 100 - 1e-9);
  if (attended >= needed) return null;
  const upcoming = counted.filter((s) => !s.held).length;
  const missed = counted.filter((s) => s.held && !ATTENDED.has(s.status) && s.status !== "EXCUSED");
  const gap = needed - attended;
  return {
    kind: "attendance",
    attended,
    needed,
    attendMore: gap <= upcoming ? gap : null,
    excusable: missed.filter((s) => s.excuse === null).map((s) => s.id),
    pendingExcuses: missed.filter((s) => s.excuse === "PENDING").length,
  };
}

function quizGap(quiz: EligibilityQuiz, attempted: boolean): MissingQuiz | null {
  if (quiz.passed) return null;
  const state = quiz.inProgress
    ? "in-progress"
    : !attempted
      ? "not-started"
      : quiz.attemptsLeft === 0
        ? "no-attempts-left"
        : "retry";
  return { kind: "quiz", slug: quiz.slug, number: quiz.number, state };
}

/** Whether a participant meets the cohort's rule and, if not, everything still missing, quizzes in lecture order. */
export function checkEligibility(input: {
  rule: CertificateRule;
  sessions: readonly EligibilitySession[];
  excusedCounts: boolean;
  quizzes: readonly (EligibilityQuiz & { attempted: boolean })[];
}): Eligibility {
  const required = new Set(input.rule.requiredQuizzes);
  const missing: Missing[] = input.quizzes
    .filter((q) => required.has(q.slug))
    .sort((a, b) => a.number - b.number)
    .flatMap((q) => quizGap(q, q.attempted) ?? []);
  const attendance = attendanceGap(input.rule, input.sessions, input.excusedCounts);
  if (attendance) missing.push(attendance);
  return { eligible: missing.length === 0, missing };
}

/** One of the participant's quiz attempts as it stands (lib/db/quiz-deadlines.ts attemptsAsOf). */
export type EligibilityAttempt = {
  lectureSlug: string;
  status: "IN_PROGRESS" | "SUBMITTED";
  percent: number | null;
};

/**
 * One participant's eligibility from what the cohort holds for them: each of the cohort's
 * sessions with their record and excuse request, and their quiz attempts (in attempt
 * order) judged by the cohort's quiz rules, for each lecture in `lectures`.
 */
export function participantEligibility(input: {
  rule: CertificateRule;
  excusedCounts: boolean;
  quizRules: QuizRules;
  lectures: readonly { slug: string; number: number }[];
  sessions: readonly EligibilitySession[];
  attempts: readonly EligibilityAttempt[];
}): Eligibility {
  const quizzes = input.lectures.map((l) => {
    const mine = input.attempts.filter((a) => a.lectureSlug === l.slug);
    const graded = mine.flatMap((a) =>
      a.status === "SUBMITTED" && a.percent !== null ? [{ percent: a.percent }] : [],
    );
    const percent = countedPercent(graded, input.quizRules.scorePolicy);
    const { attemptsLeft } = quizStatus(
      input.quizRules,
      mine.map((a) => ({ submitted: a.status === "SUBMITTED", percent: a.percent })),
    );
    return {
      slug: l.slug,
      number: l.number,
      passed: percent !== null && hasPassed(percent, input.quizRules),
      inProgress: mine.some((a) => a.status === "IN_PROGRESS"),
      attempted: mine.length > 0,
      attemptsLeft,
    };
  });
  return checkEligibility({
    rule: input.rule,
    sessions: input.sessions,
    excusedCounts: input.excusedCounts,
    quizzes,
  });
}

/** One of a participant's certificates in a cohort, as far as issuing cares. */
export type HeldCertificate = { revoked: boolean; replaced: boolean };

export type CertificateDue = { due: true } | { due: false; reason: "held" | "revoked" | "not-eligible" | "no-name" };

/**
 * Whether a participant is due a certificate now, automatically or in bulk. A certificate
 * an organiser revoked (not one replaced by a reissue) stays revoked: nobody is due a new
 * one until an organiser issues to that person on purpose (`afterRevocation`).
 */
export function certificateDue(input: {
  eligible: boolean;
  certificateName: string | null;
  certificates: readonly HeldCertificate[];
  afterRevocation?: boolean;
}): CertificateDue {
  if (input.certificates.some((c) => !c.revoked)) return { due: false, reason: "held" };
  if (!input.afterRevocation && input.certificates.some((c) => c.revoked && !c.replaced))
    return { due: false, reason: "revoked" };
  if (!input.eligible) return { due: false, reason: "not-eligible" };
  if (!input.certificateName?.trim()) return { due: false, reason: "no-name" };
  return { due: true };
}

/** A name as it prints: spaces at the ends dropped, and one Unicode form, so "ë" typed either way is one name. */
const printed = (name: string | null | undefined) => name?.trim().normalize("NFC") || null;

/**
 * Whether reissuing the certificate would print different names: its Latin-script name
 * differs from the person's current certificate name, or it stores a native-script name that
 * differs from the current one. False when the person has no certificate name to print now,
 * since a reissue would have nothing to print.
 */
export function nameChangedSinceIssue(
  certificate: { name: string; nativeName: string | null },
  person: { certificateName: string | null; nativeName: string | null },
): boolean {
  const current = printed(person.certificateName);
  if (!current) return false;
  if (printed(certificate.name) !== current) return true;
  return printed(certificate.nativeName) !== null && printed(certificate.nativeName) !== printed(person.nativeName);
}

// Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_PATTERN = /^ECOSF-\d{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A code like ECOSF-26-7K4M-Q9XT from 5 random bytes (40 bits) and the cohort's year. */
export function certificateCode(year: number, random: Uint8Array): string {
  if (random.length < 5) throw new Error("certificateCode needs 5 random bytes");
  let bits = 0n;
  for (const byte of random.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let chars = "";
  for (let i = 7; i >= 0; i--) chars += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `ECOSF-${String(year % 100).padStart(2, "0")}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What someone typed, read generously (case, spaces, O for 0, I or L for 1, digits of other scripts): the code, or null if it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const compact = asciiDigits(typed)
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  const m = /^ECOSF(\d{2})([0-9A-HJKMNP-TV-Z]{4})([0-9A-HJKMNP-TV-Z]{4})$/.exec(compact.replace(/^EC0SF/, "ECOSF"));
  return m ? `ECOSF-${m[1]}-${m[2]}-${m[3]}` : null;
}

/** LinkedIn's "Add licence or certification" form, filled in (its documented add-to-profile URL). */
export function linkedInAddUrl(c: {
  name: string;
  organisation: string;
  issuedAt: Date;
  code: string;
  url: string;
}): string {
  const query = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.name,
    organizationName: c.organisation,
    issueYear: String(c.issuedAt.getUTCFullYear()),
    issueMonth: String(c.issuedAt.getUTCMonth() + 1),
    certUrl: c.url,
    certId: c.code,
  });
  return `https://www.linkedin.com/profile/add?${query}`;
}
