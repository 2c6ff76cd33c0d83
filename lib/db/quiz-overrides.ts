// Per-person quiz overrides: an admin gives one participant of a cohort extra attempts,
// extra minutes or a later closing time at one quiz. Every reader that decides what a
// participant may do at a quiz merges the override into the cohort's rules
// (lib/domain/quiz-override.ts effectiveQuizRules); the SQL readers select it as JSON
// (ZOverrideJson). Changes are audit-logged with before and after.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { checkOverride, type OverrideError, type QuizOverrideTerms } from "@/lib/domain/quiz-override";
import { asJson, recordAudit } from "./audit";
import type { Db } from "./client";
import { ZJsonTimestamp } from "./json-columns";
import { getQuizRules } from "./quiz-rules";

type Tx = Prisma.TransactionClient;

/**
 * A quiz_overrides row as SQL hands it over:
 * json_build_object('extraAttempts', o.extra_attempts, 'extraMinutes', o.extra_minutes, 'closesAt', o.closes_at).
 */
export const ZOverrideJson = z.strictObject({
  extraAttempts: z.number().int().nullable(),
  extraMinutes: z.number().int().nullable(),
  closesAt: ZJsonTimestamp.nullable(),
}) satisfies z.ZodType<QuizOverrideTerms>;

const TERMS = { extraAttempts: true, extraMinutes: true, closesAt: true } as const;

/** One participant's override at one quiz of a cohort; null when they have none. */
export async function getQuizOverride(
  db: Db | Tx,
  key: { cohortId: string; lectureSlug: string; userId: string },
): Promise<QuizOverrideTerms | null> {
  return db.quizOverride.findUnique({ where: { cohortId_lectureSlug_userId: key }, select: TERMS });
}

/** A participant's overrides in one cohort, by quiz (for the dashboard). */
export async function ownQuizOverrides(
  db: Db,
  userId: string,
  cohortId: string,
): Promise<Map<string, QuizOverrideTerms>> {
  const rows = await db.quizOverride.findMany({ where: { userId, cohortId }, select: { lectureSlug: true, ...TERMS } });
  return new Map(rows.map(({ lectureSlug, ...terms }) => [lectureSlug, terms]));
}

/** Admin (callers check the role): the overrides at one quiz of a cohort, with whom they are for and who set them. */
export function listQuizOverrides(db: Db, cohortId: string, lectureSlug: string) {
  return db.quizOverride.findMany({
    where: { cohortId, lectureSlug },
    orderBy: [{ user: { certificateName: "asc" } }, { user: { email: "asc" } }],
    select: {
      ...TERMS,
      setAt: true,
      user: { select: { id: true, email: true, name: true, certificateName: true } },
      setBy: { select: { email: true, name: true } },
    },
  });
}

/**
 * Admin: the participants holding an active place in the cohort, for choosing whom an override is
 * for; at most `limit` of them (a caller asking for one more than it lists learns the cohort is larger).
 */
export function listOverrideCandidates(db: Db, cohortId: string, limit?: number) {
  return db.user.findMany({
    where: { enrolments: { some: { cohortId, status: "ACTIVE" } } },
    orderBy: [{ certificateName: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, certificateName: true },
    take: limit,
  });
}

/** Admin: the id of the person with this e-mail (any case) holding an active place in the cohort, or null. */
export async function activeParticipantByEmail(db: Db, cohortId: string, email: string): Promise<string | null> {
  const user = await db.user.findFirst({
    where: {
      email: { equals: email.trim(), mode: "insensitive" },
      enrolments: { some: { cohortId, status: "ACTIVE" } },
    },
    select: { id: true },
  });
  return user?.id ?? null;
}

export type OverrideKey = { cohortId: string; lectureSlug: string; userId: string };
export type SetOverrideResult =
  { ok: true } | { ok: false; errors: OverrideError[] } | { ok: false; error: "not-enrolled" };

/**
 * Admin: sets (creates or replaces) a participant's override at one quiz, audit-logged with
 * before and after in the same transaction. Refused for anyone without an active place in
 * the cohort, and for terms that do not extend the cohort's rules as they stand (checkOverride).
 * Attempts already under way keep their deadline: extra minutes make new attempts longer.
 */
export async function setQuizOverride(
  db: Db,
  actorId: string,
  key: OverrideKey,
  terms: QuizOverrideTerms,
  now = new Date(),
): Promise<SetOverrideResult> {
  return db.$transaction(async (tx) => {
    const enrolled = await tx.enrolment.findFirst({
      where: { userId: key.userId, cohortId: key.cohortId, status: "ACTIVE" },
      select: { user: { select: { email: true } } },
    });
    if (!enrolled) return { ok: false, error: "not-enrolled" } as const;
    const errors = checkOverride(await getQuizRules(tx, key.cohortId), terms);
    if (errors.length > 0) return { ok: false, errors } as const;
    const before = await getQuizOverride(tx, key);
    await tx.quizOverride.upsert({
      where: { cohortId_lectureSlug_userId: key },
      create: { ...key, ...terms, setById: actorId, setAt: now },
      update: { ...terms, setById: actorId, setAt: now },
    });
    await recordAudit(tx, {
      action: "quiz.override_set",
      actorId,
      subject: enrolled.user.email,
      entity: "cohort",
      entityId: key.cohortId,
      cohortId: key.cohortId,
      before: before === null ? undefined : asJson({ lectureSlug: key.lectureSlug, ...before }),
      after: asJson({ lectureSlug: key.lectureSlug, ...terms }),
    });
    return { ok: true } as const;
  });
}

/** Admin: removes a participant's override at one quiz, audit-logged; false when there was none. */
export async function removeQuizOverride(db: Db, actorId: string, key: OverrideKey): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.quizOverride.findUnique({
      where: { cohortId_lectureSlug_userId: key },
      select: { id: true, ...TERMS, user: { select: { email: true } } },
    });
    if (!row) return false;
    await tx.quizOverride.delete({ where: { id: row.id } });
    const { extraAttempts, extraMinutes, closesAt } = row;
    await recordAudit(tx, {
      action: "quiz.override_remove",
      actorId,
      subject: row.user.email,
      entity: "cohort",
      entityId: key.cohortId,
      cohortId: key.cohortId,
      before: asJson({ lectureSlug: key.lectureSlug, extraAttempts, extraMinutes, closesAt }),
    });
    return true;
  });
}
