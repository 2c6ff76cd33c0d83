// The quiz's JSON API (lib/participant-api), as a participant's browser or another client calls it
// with the session cookie Auth.js set: every answer, refusal and header it promises.
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import { correctResponse } from "../../lib/domain/quiz";
import {
  addPerson,
  attemptCount,
  attemptRow,
  certificateCount,
  createCohort,
  enrol,
  openSession,
  setCertificateRule,
  uniqueEmail,
  uniqueName,
} from "./db";
import { sendJson } from "./support";

const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;
const questions = lecture.quiz.questions;

/** A client of the API for one signed-in participant. */
function client(request: APIRequestContext, token: string | null) {
  // A browser on the site's pages sends the site's Origin with every PUT and POST.
  const send = (method: "POST" | "PUT" | "GET", url: string, data?: unknown) =>
    sendJson(request, token, method, url, data);
  return {
    start: (cohortId: string, slug = lecture.slug, body?: unknown) =>
      send("POST", `/api/cohorts/${cohortId}/quizzes/${slug}/attempts`, body),
    save: (attemptId: string, body: unknown) => send("PUT", `/api/attempts/${attemptId}/answers`, body),
    submit: (attemptId: string, body: unknown = {}) => send("POST", `/api/attempts/${attemptId}/submit`, body),
    send,
  };
}

/** What only the answer key carries. */
const KEY_FIELDS = /"(correct|answer|tolerance|evidence|explanation)"\s*:/;

async function participant(cohortId: string) {
  // The quiz takes a completed profile, as the quiz pages do.
  const email = uniqueEmail("api");
  const userId = await addPerson(email, { name: "Api Participant", country: "PK" });
  await enrol(email, cohortId);
  return { userId, token: await openSession(userId) };
}

test("[API][QUIZ]: a client starts, saves and submits through the JSON API; the key never appears; a repeated submit counts once", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("API cohort") });
  await setCertificateRule(cohort.id, { minAttendancePercent: 0, requiredQuizzes: [lecture.slug], autoIssue: true });
  const me = await participant(cohort.id);
  const api = client(request, me.token);

  const started = await api.start(cohort.id);
  expect(started.status).toBe(201);
  expect(started.json).toEqual({ attemptId: expect.any(String), resumed: false });
  expect(started.headers["content-type"]).toMatch(/^application\/json/);
  expect(started.headers["cache-control"]).toBe("no-store");
  expect(started.headers["x-content-type-options"]).toBe("nosniff"); // next.config.js headers() apply here too
  const attemptId = started.json.attemptId as string;
  expect((await api.start(cohort.id)).json).toEqual({ attemptId, resumed: true });
  // Carrying on names the attempt, as the quiz page's "Carry on" does.
  expect((await api.start(cohort.id, lecture.slug, { resume: attemptId })).json).toEqual({ attemptId, resumed: true });

  const bodies: string[] = [started.text];
  for (const [i, q] of questions.entries()) {
    const saved = await api.save(attemptId, { questionId: q.id, response: correctResponse(q) });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json).toEqual({ saved: true, revision: i + 1 });
    bodies.push(saved.text);
  }
  expect(Object.keys((await attemptRow(attemptId))!.responses)).toHaveLength(questions.length);

  const result = await api.submit(attemptId);
  expect(result.status, result.text).toBe(200);
  expect(result.json).toEqual({
    score: expect.any(Number),
    maxScore: expect.any(Number),
    percent: 100,
    passed: true,
    alreadySubmitted: false,
  });
  bodies.push(result.text);
  for (const body of bodies) expect(body).not.toMatch(KEY_FIELDS);

  // The same submit again (a second tab, a replayed request) returns the first result.
  expect((await api.submit(attemptId)).json).toEqual({ ...result.json, alreadySubmitted: true });
  expect(
    (await api.save(attemptId, { questionId: questions[0]!.id, response: correctResponse(questions[0]!) })).json,
  ).toEqual({ error: "submitted" });
  expect((await attemptRow(attemptId))!.status).toBe("SUBMITTED");

  // Passing the one required quiz made the participant eligible: the certificate follows the response.
  await expect.poll(() => certificateCount(me.userId, cohort.id), { timeout: 15_000 }).toBe(1);
});

test("[API][QUIZ]: refuses what it must with a clear JSON error and writes nothing", async ({ request }) => {
  const cohort = await createCohort({ name: uniqueName("API refusals") });
  const [me, other] = [await participant(cohort.id), await participant(cohort.id)];
  const api = client(request, me.token);
  const attemptId = (await api.start(cohort.id)).json.attemptId as string;
  const q = questions[0]!;

  const cases: [
    string,
    Promise<{ status: number; json: Record<string, unknown>; headers: Record<string, string> }>,
    number,
    Record<string, unknown>,
  ][] = [
    ["no session", client(request, null).submit(attemptId), 401, { error: "sign-in-required" }],
    [
      "an unknown session",
      client(request, "f".repeat(48)).save(attemptId, { questionId: q.id, response: correctResponse(q) }),
      401,
      { error: "sign-in-required" },
    ],
    [
      "another participant's attempt: save",
      client(request, other.token).save(attemptId, { questionId: q.id, response: correctResponse(q) }),
      404,
      { error: "not-found" },
    ],
    [
      "another participant's attempt: submit",
      client(request, other.token).submit(attemptId),
      404,
      { error: "not-found" },
    ],
    ["an unknown quiz", api.start(cohort.id, "no-such-lecture"), 404, { error: "not-found" }],
    ["a cohort without a place", client(request, me.token).start("no-such-cohort"), 404, { error: "not-enrolled" }],
    [
      "a start whose attempt to carry on is not an id",
      api.start(cohort.id, lecture.slug, { resume: 7 }),
      400,
      { error: "invalid" },
    ],
    [
      "a start with an unknown field",
      api.start(cohort.id, lecture.slug, { attempt: attemptId }),
      400,
      { error: "invalid" },
    ],
    ["a body that is not JSON", api.save(attemptId, "{not json"), 400, { error: "invalid" }],
    ["a body without a question", api.save(attemptId, { response: correctResponse(q) }), 400, { error: "invalid" }],
    [
      "an unknown question",
      api.save(attemptId, { questionId: "no-such-question", response: correctResponse(q) }),
      400,
      { error: "unknown-question" },
    ],
    [
      "an answer of the wrong type",
      api.save(attemptId, { questionId: q.id, response: { type: "numeric", value: "x" } }),
      400,
      { error: expect.stringMatching(/wrong-type|invalid/) },
    ],
    [
      "a body over 16 kB",
      api.save(attemptId, { questionId: q.id, response: "x".repeat(20_000) }),
      413,
      { error: "too-large" },
    ],
    [
      "a last answer to an unknown question",
      api.submit(attemptId, { answers: { "no-such-question": true } }),
      400,
      { error: "invalid", questionId: "no-such-question" },
    ],
    ["an attempt id that is too long", api.submit("a".repeat(41)), 400, { error: "invalid" }],
    ["GET on submit", api.send("GET", `/api/attempts/${attemptId}/submit`), 405, { error: "method-not-allowed" }],
    [
      "POST on answers",
      api.send("POST", `/api/attempts/${attemptId}/answers`, {}),
      405,
      { error: "method-not-allowed" },
    ],
  ];
  for (const [what, answer, status, json] of cases) {
    const got = await answer;
    expect(got.status, what).toBe(status);
    expect(got.json, what).toEqual(json);
  }
  expect((await api.send("GET", `/api/attempts/${attemptId}/submit`)).headers.allow).toBe("POST");
  expect(await attemptRow(attemptId)).toEqual({ status: "IN_PROGRESS", responses: {}, percent: null });
});

test("[API][QUIZ]: ten starts at once open one attempt; ten submits of it at once grade it once", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("API race") });
  const me = await participant(cohort.id);
  const api = client(request, me.token);
  const starts = await Promise.all(Array.from({ length: 10 }, () => api.start(cohort.id)));
  expect(starts.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  expect(new Set(starts.map((r) => r.json.attemptId)).size).toBe(1);
  expect(await attemptCount(me.userId)).toBe(1);
  const attemptId = starts[0]!.json.attemptId as string;
  await api.save(attemptId, { questionId: questions[0]!.id, response: correctResponse(questions[0]!) });
  const results = await Promise.all(Array.from({ length: 10 }, () => api.submit(attemptId)));
  expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(results.filter((r) => r.json.alreadySubmitted === false)).toHaveLength(1);
  expect(new Set(results.map((r) => r.json.percent)).size).toBe(1);
  expect((await attemptRow(attemptId))!.status).toBe("SUBMITTED");
});

test("[API][QUIZ]: the server's participant API answers its four paths in JSON with the site's headers, and leaves the rest to Next", async ({
  request,
}) => {
  const origin = `http://localhost:${process.env.E2E_PORT ?? 3200}`;
  for (const url of [
    "/api/cohorts/c1/quizzes/lecture-1/attempts",
    "/api/attempts/a1/answers",
    "/api/attempts/a1/submit",
    "/api/sessions/s1/check-in",
  ]) {
    const res = await request.fetch(url, {
      method: url.endsWith("answers") ? "PUT" : "POST",
      headers: { Origin: origin },
    });
    expect([url, res.status(), await res.json()]).toEqual([url, 401, { error: "sign-in-required" }]);
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["cache-control"]).toBe("no-store");
  }
  // A path next to them is not theirs: Next answers it (the site's 404 page, or its own route).
  const beside = await request.post("/api/attempts/a1/submit/extra", { headers: { Origin: origin } });
  expect(beside.status()).toBe(404);
  expect(beside.headers()["content-type"]).not.toContain("application/json");
  expect((await request.get("/api/health")).status()).toBe(200);
});
