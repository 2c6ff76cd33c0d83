// Certificate rules: who has earned one, what is still missing, and the codes people type.
import type { AttendanceStatus } from "./attendance";

export type CertificateRule = { minAttendancePercent: number; requiredQuizzes: string[]; autoIssue: boolean };

export const defaultCertificateRule = (lectureSlugs: readonly string[]): CertificateRule => ({
  minAttendancePercent: 80,
  requiredQuizzes: [...lectureSlugs],
  autoIssue: true,
});

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

/** What someone typed, read generously (case, spaces, O for 0, I or L for 1): the code, or null if it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const compact = typed
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
