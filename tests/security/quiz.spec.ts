// Attacks on the quiz: forged writes to the JSON API from another origin or as a form,
// answers after the quiz closes, the answer key handed out while a better score is still
// to be had, and a withdrawn participant carrying on.
import { expect, test } from "@playwright/test";
import { correctResponse } from "../../lib/domain/quiz";
import { adminSignInPath, certificateCount, createCohort, uniqueEmail, uniqueName } from "../e2e/db";
import { signInAs } from "../e2e/people";
import {
  answerUrl,
  attemptsOf,
  attemptState,
  enrolledParticipant,
  lecture,
  localInput,
  OTHER_PORT_ORIGIN,
  participantWithoutProfile,
  questions,
  send,
  setEnrolmentStatus,
  setQuizRules,
  startAttempt,
  submitUrl,
} from "./quiz-support";

const allRight = JSON.stringify({ answers: Object.fromEntries(questions.map((q) => [q.id, correctResponse(q)])) });
const oneAnswer = (i: number) =>
  JSON.stringify({ questionId: questions[i]!.id, response: correctResponse(questions[i]!) });

test("[SECURITY][QUIZ-API]: a page on another origin, or a request without Origin, cannot save or submit a signed-in participant's attempt", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Forged quiz") });
  const me = await enrolledParticipant(cohort.id);
  const attemptId = await startAttempt(request, cohort.id, me.token);

  for (const origin of [OTHER_PORT_ORIGIN, "https://evil.example", "null", null]) {
    // What a cross-site form or fetch without a preflight can send: text/plain.
    const submitted = await send(request, {
      method: "POST",
      url: submitUrl(attemptId),
      token: me.token,
      body: allRight,
      contentType: "text/plain",
      origin,
    });
    expect(submitted).toEqual({ status: 403, json: { error: "cross-origin" } });
    const saved = await send(request, {
      method: "PUT",
      url: answerUrl(attemptId),
      token: me.token,
      body: oneAnswer(0),
      origin,
    });
    expect(saved).toEqual({ status: 403, json: { error: "cross-origin" } });
  }
  const started = await send(request, {
    method: "POST",
    url: `/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`,
    token: me.token,
    origin: OTHER_PORT_ORIGIN,
  });
  expect(started.status).toBe(403);
  expect(await attemptState(attemptId)).toMatchObject({ status: "IN_PROGRESS", responses: {} });
  expect(await attemptsOf(me.userId)).toBe(1);
});

test("[SECURITY][QUIZ-API]: a body that is not application/json is refused with 415 even from the site's own origin; nothing is written", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Plain quiz") });
  const me = await enrolledParticipant(cohort.id);
  const attemptId = await startAttempt(request, cohort.id, me.token);
  for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
    const saved = await send(request, {
      method: "PUT",
      url: answerUrl(attemptId),
      token: me.token,
      body: oneAnswer(0),
      contentType,
    });
    expect(saved).toEqual({ status: 415, json: { error: "unsupported-media-type" } });
    const submitted = await send(request, {
      method: "POST",
      url: submitUrl(attemptId),
      token: me.token,
      body: allRight,
      contentType,
    });
    expect(submitted).toEqual({ status: 415, json: { error: "unsupported-media-type" } });
  }
  expect(await attemptState(attemptId)).toMatchObject({ status: "IN_PROGRESS", responses: {} });
  // The same body as JSON goes through.
  expect(
    (await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(0) })).status,
  ).toBe(200);
});

test("[SECURITY][QUIZ-API]: a participant whose profile is incomplete cannot start a quiz through the API, as on the quiz pages", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Profile quiz") });
  const newcomer = await participantWithoutProfile(cohort.id);
  const started = await send(request, {
    method: "POST",
    url: `/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`,
    token: newcomer.token,
  });
  expect(started).toEqual({ status: 403, json: { error: "profile-incomplete" } });
  expect(await attemptsOf(newcomer.userId)).toBe(0);
});

test("[SECURITY][QUIZ]: closing the quiz submits an attempt without a time limit as it stands; answers and a full-marks submit after the close change nothing", async ({
  request,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Closing quiz") });
  await setQuizRules(cohort.id, { time_limit_minutes: null, closes_at: null });
  const me = await enrolledParticipant(cohort.id);
  const attemptId = await startAttempt(request, cohort.id, me.token);
  expect(
    (await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(0) })).status,
  ).toBe(200);

  // The admin closes the quiz on the cohort's rules form: it closed two minutes ago.
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(await adminSignInPath(uniqueEmail("closer"), `/admin/cohorts/${cohort.id}/quizzes`));
  await admin.getByLabel("Closes", { exact: true }).fill(localInput(-2, cohort.timeZone));
  await admin.getByRole("button", { name: "Save the rules" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Rules saved." })).toBeVisible();
  await admin.context().close();

  const closed = await attemptState(attemptId);
  expect(closed.status).toBe("SUBMITTED");
  expect(Number(closed.percent)).toBeLessThan(70);
  const saved = await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(1) });
  expect(saved.status).toBe(409);
  const submitted = await send(request, { method: "POST", url: submitUrl(attemptId), token: me.token, body: allRight });
  expect(submitted.json).toMatchObject({ passed: false, alreadySubmitted: true });
  expect(Number((await attemptState(attemptId)).percent)).toBe(Number(closed.percent));
  expect(await certificateCount(me.userId, cohort.id)).toBe(0);
});

test("[SECURITY][QUIZ]: a closing time that has passed binds an attempt under way at write time: a save is refused and a submit counts only what was saved", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Closed quiz") });
  await setQuizRules(cohort.id, { time_limit_minutes: null, closes_at: null });
  const me = await enrolledParticipant(cohort.id);
  const attemptId = await startAttempt(request, cohort.id, me.token);
  // The closing time as the database holds it, set while the attempt was under way and since passed.
  await setQuizRules(cohort.id, { time_limit_minutes: null, closes_at: new Date(Date.now() - 5 * 60_000) });

  const saved = await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(0) });
  expect(saved).toEqual({ status: 409, json: { error: "overdue" } });
  const submitted = await send(request, { method: "POST", url: submitUrl(attemptId), token: me.token, body: allRight });
  expect(submitted.status).toBe(200);
  expect(submitted.json).toMatchObject({ score: 0, passed: false });
  expect(await certificateCount(me.userId, cohort.id)).toBe(0);
});

test("[SECURITY][QUIZ]: with the default rules the right answers and explanations stay hidden while another attempt could raise the score, and show once the attempts are used up", async ({
  page,
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Key quiz") });
  const me = await enrolledParticipant(cohort.id);
  await signInAs(page, me.userId);
  const explanations = questions.map((q) => q.explanation);

  const attemptPage = (attemptId: string) => `/course/${cohort.id}/quiz/${lecture.slug}/attempt/${attemptId}`;
  // One right answer of many: a failed attempt.
  const oneRight = JSON.stringify({ answers: { [questions[0]!.id]: correctResponse(questions[0]!) } });
  const takeOne = async () => {
    const attemptId = await startAttempt(request, cohort.id, me.token);
    const submitted = await send(request, {
      method: "POST",
      url: submitUrl(attemptId),
      token: me.token,
      body: oneRight,
    });
    expect(submitted.json).toMatchObject({ passed: false });
    return attemptId;
  };

  const first = await takeOne();
  // The page and its RSC payload, as another tab would fetch them.
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const response = await page.request.get(attemptPage(first), { headers });
    expect(response.status()).toBe(200);
    const body = await response.text();
    for (const text of explanations) expect(body).not.toContain(text);
  }
  await page.goto(attemptPage(first));
  await expect(
    page.getByText(/The right answers are shown once another attempt could not raise your score/),
  ).toBeVisible();
  await expect(page.getByText(explanations[0]!)).toHaveCount(0);

  await takeOne();
  await takeOne();
  await page.goto(attemptPage(first));
  await expect(page.getByText(explanations[0]!)).toBeVisible();
});

test("[SECURITY][QUIZ]: a withdrawn participant cannot save or submit an attempt started before the withdrawal, through the API or the quiz page", async ({
  page,
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Withdrawn quiz") });
  const me = await enrolledParticipant(cohort.id);
  const attemptId = await startAttempt(request, cohort.id, me.token);
  expect(
    (await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(0) })).status,
  ).toBe(200);
  await setEnrolmentStatus(me.userId, cohort.id, "WITHDRAWN");

  const saved = await send(request, { method: "PUT", url: answerUrl(attemptId), token: me.token, body: oneAnswer(1) });
  expect(saved).toEqual({ status: 403, json: { error: "withdrawn" } });
  const submitted = await send(request, { method: "POST", url: submitUrl(attemptId), token: me.token, body: allRight });
  expect(submitted.status).toBe(403);

  // The quiz page's own submit (a server action) is refused too.
  await signInAs(page, me.userId);
  await page.goto(`/course/${cohort.id}/quiz/${lecture.slug}/attempt/${attemptId}`);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByRole("dialog", { name: "Submit your answers?" }).getByRole("button", { name: "Submit now" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(await attemptState(attemptId)).toMatchObject({ status: "IN_PROGRESS" });
  expect(Object.keys((await attemptState(attemptId)).responses)).toEqual([questions[0]!.id]);
});
