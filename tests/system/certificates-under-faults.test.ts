// Every pass that meets the rule ends with one certificate, with no fault, with PostgreSQL
// killed in the middle, and with the app's server killed in the middle: 50 participants at
// a time submit passing attempts through the quiz's JSON API of `npm start`, trying again as
// a client would while the API says the database is unavailable (503, JSON, Retry-After) or
// the server does not answer. Issuing is a job added in the submission's own statement, run
// by the worker once PostgreSQL, or the server and its worker, are back.
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { seedLiveCohort } from "@/bench/lib/seed";
import { loadLectures } from "@/lib/content/load";
import { correctResponse } from "@/lib/domain/quiz";
import { freshFolder, lmsUrl, pidOf, postmasterPid, SERVER, start, waitForLine, waitForReady } from "./support";

const PEOPLE = 50;
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const answers = Object.fromEntries(lecture.quiz.questions.map((q) => [q.id, correctResponse(q)]));

type Seen = { status: number; body: string; retryAfter: string | null } | { error: string };

/** One participant: starts an attempt and submits it passing, trying again after 503s and cut connections. */
async function passQuiz(base: string, cohortId: string, token: string, seen: Seen[]): Promise<void> {
  const headers = {
    cookie: `authjs.session-token=${token}`,
    origin: base.replace("127.0.0.1", "localhost"),
    "content-type": "application/json",
  };
  const call = async (pathname: string, body: unknown, ok: number[]) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const res = await fetch(`${base}${pathname}`, { method: "POST", headers, body: JSON.stringify(body) });
        const text = await res.text();
        if (ok.includes(res.status)) return JSON.parse(text) as Record<string, unknown>;
        seen.push({ status: res.status, body: text, retryAfter: res.headers.get("retry-after") });
      } catch (err) {
        seen.push({ error: String((err as Error).cause ?? err) });
      }
      if (Date.now() > deadline) throw new Error(`${pathname}: no answer within 120 s`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const started = await call(`/api/cohorts/${cohortId}/quizzes/${lecture.slug}/attempts`, {}, [200, 201]);
  const submitted = await call(`/api/attempts/${String(started.attemptId)}/submit`, { answers }, [200]);
  expect(submitted.passed).toBe(true);
}

/** A cohort of PEOPLE participants whose certificate needs the lecture's quiz only, issued automatically. */
async function seedCohort(db: pg.Client, name: string) {
  const seeded = await seedLiveCohort(db, { name, count: PEOPLE, lectureSlugs: [lecture.slug] });
  await db.query(
    `INSERT INTO certificate_rules (cohort_id, min_attendance_percent, required_quizzes, auto_issue, updated_at)
     VALUES ($1, 0, $2, true, now())`,
    [seeded.cohortId, [lecture.slug]],
  );
  return seeded;
}

/** The cohort's certificates per participant, once every participant has one or 120 s have passed. */
async function certificatesOf(db: () => Promise<pg.Client>, cohortId: string): Promise<number[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const client = await db();
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(c.id)::int AS n FROM enrolments e LEFT JOIN certificates c ON c.user_id = e.user_id AND c.cohort_id = e.cohort_id
          WHERE e.cohort_id = $1 GROUP BY e.user_id`,
        [cohortId],
      );
      const counts = rows.map((r) => r.n);
      if (counts.every((n) => n >= 1) || Date.now() > deadline) return counts;
    } finally {
      await client.end();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The cohort's participants pass, with `fault` made once five of the first half have passed,
 * while the rest of that half is under way; the second half starts right after, during the
 * fault (a restart waits at least half a second). Resolves once every one has passed.
 */
async function passesWithAFault(
  base: string,
  cohort: { cohortId: string; tokens: string[] },
  fault: () => Promise<void>,
) {
  const seen: Seen[] = [];
  let passed = 0;
  let reachedFive: () => void;
  const fiveHavePassed = new Promise<void>((resolve) => (reachedFive = resolve));
  const pass = (token: string) =>
    passQuiz(base, cohort.cohortId, token, seen).then(() => {
      passed += 1;
      if (passed === 5) reachedFive();
    });
  const firstHalf = Promise.all(cohort.tokens.slice(0, PEOPLE / 2).map(pass));
  await fiveHavePassed;
  const recovered = fault();
  const passedBeforeFault = passed;
  expect(passedBeforeFault).toBeLessThan(PEOPLE / 2);
  const all = Promise.all([firstHalf, ...cohort.tokens.slice(PEOPLE / 2).map(pass)]);
  await recovered;
  await all;
  return { seen, passedBeforeFault };
}

describe("automatic certificates under load and faults", { timeout: 600_000 }, () => {
  it("[CERTIFICATES][CRASH]: 50 passes at once, then 50 more with PostgreSQL killed among them, then 50 with the app's server killed among them: each participant ends with exactly one certificate", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
    const { port, pgPort } = await waitForReady(run);
    const base = `http://127.0.0.1:${port}`;
    const connect = async () => {
      const client = new pg.Client({ connectionString: lmsUrl(dataDir, pgPort!) });
      await client.connect();
      return client;
    };
    const setup = await connect();
    const calm = await seedCohort(setup, "No fault");
    const stormy = await seedCohort(setup, "PostgreSQL killed");
    const crashed = await seedCohort(setup, "App server killed");
    await setup.end();

    // No fault.
    const calmSeen: Seen[] = [];
    await Promise.all(calm.tokens.map((token) => passQuiz(base, calm.cohortId, token, calmSeen)));
    expect(calmSeen).toEqual([]);
    expect(await certificatesOf(connect, calm.cohortId), run.output()).toEqual(Array(PEOPLE).fill(1));

    // PostgreSQL killed while the submissions come in; the supervisor starts it again.
    const stormyRound = await passesWithAFault(base, stormy, async () => {
      process.kill(postmasterPid(dataDir), "SIGKILL");
      await waitForLine(run, /PostgreSQL is running again/, 60_000);
    });
    expect(await certificatesOf(connect, stormy.cohortId), run.output()).toEqual(Array(PEOPLE).fill(1));
    // While it was down, the API said so in its own shape, and asked to be tried again.
    const answered = stormyRound.seen.filter((s): s is Extract<Seen, { status: number }> => "status" in s);
    expect(answered.length).toBeGreaterThan(0);
    for (const s of answered) expect(s).toEqual({ status: 503, body: '{"error":"unavailable"}', retryAfter: "30" });
    console.log(
      `${stormyRound.passedBeforeFault} of ${PEOPLE} had passed when PostgreSQL was killed; the others saw ${answered.length} answers 503 and ${stormyRound.seen.length - answered.length} cut connections before they passed`,
    );

    // The app's server (and with it the job worker) killed in the same way; npm start starts
    // it again on the same port, and the clients, cut off meanwhile, try again.
    const crashedRound = await passesWithAFault(base, crashed, async () => {
      process.kill(pidOf(run, SERVER), "SIGKILL");
      await waitForLine(run, /The app is serving again/, 120_000);
    });
    expect(crashedRound.seen.length).toBeGreaterThan(0);
    expect(await certificatesOf(connect, crashed.cohortId), run.output()).toEqual(Array(PEOPLE).fill(1));
    // The earlier cohorts' certificates are still one each.
    for (const cohort of [calm, stormy])
      expect(await certificatesOf(connect, cohort.cohortId), run.output()).toEqual(Array(PEOPLE).fill(1));

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
  });
});
