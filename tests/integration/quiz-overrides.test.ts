// Per-person quiz overrides: what one participant's extra attempt, extra time or later
// closing time lets them do, what it does not let anyone else do, and how it is recorded.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLectures } from "@/lib/content/load";
import { ownDashboard } from "@/lib/db/dashboard";
import { getOwnQuizPage } from "@/lib/db/quiz-pages";
import {
  activeParticipantByEmail,
  listOverrideCandidates,
  listQuizOverrides,
  removeQuizOverride,
  setQuizOverride,
} from "@/lib/db/quiz-overrides";
import { getQuizRules, saveQuizRules } from "@/lib/db/quiz-rules";
import { ownQuizStatuses, saveAnswer, startAttempt, submitAttempt } from "@/lib/db/quizzes";
import { correctResponse, DEFAULT_QUIZ_RULES, type QuizRules } from "@/lib/domain/quiz";
import type { QuizOverrideTerms } from "@/lib/domain/quiz-override";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();
const lectures = loadLectures(path.join(process.cwd(), "content"));
const lecture = lectures[0]!;
const other = lectures[1]!;
const questions = lecture.quiz.questions;
const slug = lecture.slug;
let n = 0;
const minutes = (m: number, from = Date.now()) => new Date(from + m * 60_000);
const allRight = () => Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)]));
const terms = (x: Partial<QuizOverrideTerms>): QuizOverrideTerms => ({
  extraAttempts: null,
  extraMinutes: null,
  closesAt: null,
  ...x,
});

async function newCohort(rules: Partial<QuizRules>) {
  n += 1;
  const cohort = await t.db.cohort.create({
    data: {
      slug: `override-${n}`,
      name: `Override cohort ${n}`,
      timeZone: "UTC",
      startsOn: new Date("2026-07-01"),
      endsOn: new Date("2026-07-02"),
    },
  });
  await t.db.quizRules.create({ data: { cohortId: cohort.id, ...DEFAULT_QUIZ_RULES, ...rules } });
  return cohort;
}

async function participant(cohortId: string) {
  n += 1;
  const user = await t.db.user.create({ data: { email: `override${n}@example.org` } });
  await t.db.enrolment.create({ data: { userId: user.id, cohortId, status: "ACTIVE" } });
  return user;
}

async function admin() {
  n += 1;
  return t.db.user.create({ data: { email: `override-admin${n}@example.org`, role: "ADMIN" } });
}

const start = (userId: string, cohortId: string, now?: Date, lectureSlug = slug) =>
  startAttempt(t.db, {
    userId,
    cohortId,
    lectureSlug,
    questions: lectureSlug === slug ? questions : other.quiz.questions,
    now,
  });

async function takeOnce(userId: string, cohortId: string, now?: Date) {
  const started = await start(userId, cohortId, now);
  if (!started.ok) throw new Error(started.reason);
  expect(await submitAttempt(t.db, userId, started.attemptId, {}, now)).toMatchObject({ ok: true });
}

describe("quiz overrides", () => {
  it("[ADMIN][QUIZ]: an extra attempt lets that participant start attempt 2 of a 1-attempt quiz, and nobody else", async () => {
    const cohort = await newCohort({ maxAttempts: 1 });
    const [given, notGiven, boss] = [await participant(cohort.id), await participant(cohort.id), await admin()];
    await takeOnce(given.id, cohort.id);
    await takeOnce(notGiven.id, cohort.id);
    expect(await start(given.id, cohort.id)).toEqual({ ok: false, reason: "no-attempts-left" });

    expect(
      await setQuizOverride(
        t.db,
        boss.id,
        { cohortId: cohort.id, lectureSlug: slug, userId: given.id },
        terms({ extraAttempts: 1 }),
      ),
    ).toEqual({ ok: true });

    expect(await start(notGiven.id, cohort.id)).toEqual({ ok: false, reason: "no-attempts-left" });
    const second = await start(given.id, cohort.id);
    expect(second).toMatchObject({ ok: true, resumed: false });
    if (!second.ok) return;
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: second.attemptId } })).toMatchObject({ number: 2 });
    expect(await submitAttempt(t.db, given.id, second.attemptId, allRight())).toMatchObject({ ok: true, passed: true });
    expect(await start(given.id, cohort.id)).toEqual({ ok: false, reason: "no-attempts-left" });

    // What the participant's pages show: the rules as extended, and what was given.
    const page = await getOwnQuizPage(t.db, given.id, cohort.id, slug);
    expect(page?.rules.maxAttempts).toBe(2);
    expect(page?.override).toEqual(terms({ extraAttempts: 1 }));
    expect((await getOwnQuizPage(t.db, notGiven.id, cohort.id, slug))?.override).toBeNull();
    // Only for that quiz: another lecture keeps the cohort's limit.
    const statuses = await ownQuizStatuses(t.db, given.id, cohort.id, [slug, other.slug]);
    expect(statuses[slug]?.attemptsLeft).toBe(0);
    expect(statuses[other.slug]?.attemptsLeft).toBe(1);
  });

  it("[ADMIN][QUIZ]: a later closing time lets that participant start, save and submit after the cohort's close, and nobody else", async () => {
    const now = new Date();
    const cohort = await newCohort({ maxAttempts: null, closesAt: minutes(-60, now.getTime()) });
    const [given, notGiven, boss] = [await participant(cohort.id), await participant(cohort.id), await admin()];
    const until = minutes(60, now.getTime());
    expect(
      await setQuizOverride(
        t.db,
        boss.id,
        { cohortId: cohort.id, lectureSlug: slug, userId: given.id },
        terms({ closesAt: until }),
      ),
    ).toEqual({ ok: true });

    expect(await start(notGiven.id, cohort.id, now)).toEqual({ ok: false, reason: "closed" });
    const started = await start(given.id, cohort.id, now);
    expect(started).toMatchObject({ ok: true });
    if (!started.ok) return;
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } })).toMatchObject({
      deadlineAt: until,
    });
    // The cohort's rules saved again bind open attempts to the close: this one to the participant's own.
    expect(await saveQuizRules(t.db, boss.id, cohort.id, await getQuizRules(t.db, cohort.id), now)).toBe(true);
    expect(
      await saveAnswer(t.db, given.id, started.attemptId, questions[0]!.id, correctResponse(questions[0]!), now),
    ).toMatchObject({ ok: true });
    const submitted = await submitAttempt(t.db, given.id, started.attemptId, allRight(), now);
    expect(submitted).toMatchObject({ ok: true, alreadySubmitted: false, passed: true });
    const row = await t.db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(row).toMatchObject({ status: "SUBMITTED", submittedBy: "participant" });

    // Past the participant's own closing time, it is closed for them too.
    expect(await start(given.id, cohort.id, minutes(61, now.getTime()))).toEqual({ ok: false, reason: "closed" });
  });

  it("[ADMIN][QUIZ]: the dashboard of a participant with a later closing time offers that quiz as the next step and gives their own date to finish by", async () => {
    const now = new Date();
    const closed = minutes(-60, now.getTime());
    const cohort = await newCohort({ maxAttempts: null, closesAt: closed });
    const [given, notGiven, boss] = [await participant(cohort.id), await participant(cohort.id), await admin()];
    const until = minutes(24 * 60, now.getTime());
    await setQuizOverride(
      t.db,
      boss.id,
      { cohortId: cohort.id, lectureSlug: slug, userId: given.id },
      terms({ closesAt: until }),
    );
    for (const user of [given, notGiven])
      await t.db.lectureMark.create({ data: { userId: user.id, cohortId: cohort.id, lectureSlug: slug } });
    const refs = lectures.map((l) => ({ slug: l.slug, number: l.number }));
    const dashboardOf = async (userId: string) => {
      const [entry] = await ownDashboard(t.db, userId, refs, now);
      if (entry?.status !== "ACTIVE") throw new Error("no active cohort");
      return entry;
    };
    const mine = await dashboardOf(given.id);
    expect(mine.progress.next).toEqual({ kind: "quiz", slug, number: lecture.number, resume: false });
    // The other quizzes are closed: the one still open to them gives the date.
    expect(mine.deadline).toEqual({ kind: "quizzes-close", at: until });
    const theirs = await dashboardOf(notGiven.id);
    expect(theirs.progress.next).toEqual({ kind: "study", slug: other.slug, number: other.number });
    // Every quiz closed for them an hour ago: said as past.
    expect(theirs.deadline).toEqual({ kind: "quizzes-closed", at: closed });
  });

  it("[ADMIN][QUIZ]: extra time makes a new attempt's deadline longer; an attempt under way keeps its own", async () => {
    const now = new Date();
    const cohort = await newCohort({ maxAttempts: null, timeLimitMinutes: 20, closesAt: null });
    const [given, notGiven, boss] = [await participant(cohort.id), await participant(cohort.id), await admin()];
    const underWay = await start(given.id, cohort.id, now);
    if (!underWay.ok) throw new Error(underWay.reason);

    expect(
      await setQuizOverride(
        t.db,
        boss.id,
        { cohortId: cohort.id, lectureSlug: slug, userId: given.id },
        terms({ extraMinutes: 15 }),
        now,
      ),
    ).toEqual({ ok: true });
    expect(await t.db.quizAttempt.findUniqueOrThrow({ where: { id: underWay.attemptId } })).toMatchObject({
      deadlineAt: minutes(20, now.getTime()),
    });
    expect(await submitAttempt(t.db, given.id, underWay.attemptId, {}, now)).toMatchObject({ ok: true });

    const later = minutes(5, now.getTime());
    const longer = await start(given.id, cohort.id, later);
    const normal = await start(notGiven.id, cohort.id, later);
    if (!longer.ok || !normal.ok) throw new Error("not started");
    expect((await t.db.quizAttempt.findUniqueOrThrow({ where: { id: longer.attemptId } })).deadlineAt).toEqual(
      minutes(35, later.getTime()),
    );
    expect((await t.db.quizAttempt.findUniqueOrThrow({ where: { id: normal.attemptId } })).deadlineAt).toEqual(
      minutes(20, later.getTime()),
    );
  });

  it("[ADMIN][QUIZ]: an override holds in its own cohort only", async () => {
    const here = await newCohort({ maxAttempts: 1 });
    const there = await newCohort({ maxAttempts: 1 });
    const [person, boss] = [await participant(here.id), await admin()];
    await t.db.enrolment.create({ data: { userId: person.id, cohortId: there.id, status: "ACTIVE" } });
    await takeOnce(person.id, here.id);
    await takeOnce(person.id, there.id);
    await setQuizOverride(
      t.db,
      boss.id,
      { cohortId: here.id, lectureSlug: slug, userId: person.id },
      terms({ extraAttempts: 1 }),
    );

    expect(await start(person.id, there.id)).toEqual({ ok: false, reason: "no-attempts-left" });
    expect(await start(person.id, here.id)).toMatchObject({ ok: true });
    expect(await listQuizOverrides(t.db, there.id, slug)).toEqual([]);
    expect((await listQuizOverrides(t.db, here.id, slug)).map((o) => o.user.id)).toEqual([person.id]);
  });

  it("[ADMIN][QUIZ]: refused for someone without a place, for an earlier closing time or for nothing at all; nothing is written", async () => {
    const now = new Date();
    const cohort = await newCohort({ closesAt: minutes(60, now.getTime()) });
    const elsewhere = await newCohort({});
    const [outsider, member, boss] = [await participant(elsewhere.id), await participant(cohort.id), await admin()];
    const key = (userId: string) => ({ cohortId: cohort.id, lectureSlug: slug, userId });

    expect(await setQuizOverride(t.db, boss.id, key(outsider.id), terms({ extraAttempts: 1 }))).toEqual({
      ok: false,
      error: "not-enrolled",
    });
    expect(
      await setQuizOverride(t.db, boss.id, key(member.id), terms({ closesAt: minutes(30, now.getTime()) })),
    ).toEqual({ ok: false, errors: [{ field: "closesAt", code: "not-later" }] });
    expect(await setQuizOverride(t.db, boss.id, key(member.id), terms({}))).toEqual({
      ok: false,
      errors: [{ field: "form", code: "nothing-extended" }],
    });
    expect(await t.db.quizOverride.count({ where: { cohortId: cohort.id } })).toBe(0);
    expect(
      await t.db.auditEvent.count({ where: { entityId: cohort.id, action: { startsWith: "quiz.override" } } }),
    ).toBe(0);
  });

  it("[ADMIN][QUIZ]: a person named by e-mail is found in any case only with an active place in that cohort; the list of candidates can be capped", async () => {
    const cohort = await newCohort({});
    const elsewhere = await newCohort({});
    const a = await participant(cohort.id);
    const b = await participant(cohort.id);
    const outsider = await participant(elsewhere.id);
    const withdrawn = await participant(cohort.id);
    await t.db.enrolment.update({
      where: { userId_cohortId: { userId: withdrawn.id, cohortId: cohort.id } },
      data: { status: "WITHDRAWN" },
    });
    expect(await activeParticipantByEmail(t.db, cohort.id, a.email)).toBe(a.id);
    expect(await activeParticipantByEmail(t.db, cohort.id, ` ${b.email.toUpperCase()} `)).toBe(b.id);
    expect(await activeParticipantByEmail(t.db, cohort.id, outsider.email)).toBeNull();
    expect(await activeParticipantByEmail(t.db, cohort.id, withdrawn.email)).toBeNull();
    expect(await activeParticipantByEmail(t.db, cohort.id, "nobody@example.org")).toBeNull();
    expect((await listOverrideCandidates(t.db, cohort.id)).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(await listOverrideCandidates(t.db, cohort.id, 1)).toHaveLength(1);
  });

  it("[ADMIN][QUIZ]: setting, changing and removing an override are audit-logged with before and after", async () => {
    const cohort = await newCohort({ maxAttempts: 1 });
    const [person, boss] = [await participant(cohort.id), await admin()];
    const key = { cohortId: cohort.id, lectureSlug: slug, userId: person.id };
    await setQuizOverride(t.db, boss.id, key, terms({ extraAttempts: 1 }));
    await setQuizOverride(t.db, boss.id, key, terms({ extraAttempts: 2 }));
    expect(await removeQuizOverride(t.db, boss.id, key)).toBe(true);
    expect(await removeQuizOverride(t.db, boss.id, key)).toBe(false);

    const events = await t.db.auditEvent.findMany({
      where: { entityId: cohort.id, action: { startsWith: "quiz.override" } },
    });
    // Written within the same millisecond or two: compared as a set.
    const rows = events.map((e) => [e.action, e.actorId, e.subject, e.before, e.after]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        [
          "quiz.override_set",
          boss.id,
          person.email,
          null,
          { lectureSlug: slug, extraAttempts: 1, extraMinutes: null, closesAt: null },
        ],
        [
          "quiz.override_set",
          boss.id,
          person.email,
          { lectureSlug: slug, extraAttempts: 1, extraMinutes: null, closesAt: null },
          { lectureSlug: slug, extraAttempts: 2, extraMinutes: null, closesAt: null },
        ],
        [
          "quiz.override_remove",
          boss.id,
          person.email,
          { lectureSlug: slug, extraAttempts: 2, extraMinutes: null, closesAt: null },
          null,
        ],
      ]),
    );
    expect(await t.db.quizOverride.count({ where: { cohortId: cohort.id } })).toBe(0);
  });
});
