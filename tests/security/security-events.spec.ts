// Refused authorization is a security event an admin can read: a participant reaching
// for an admin page or action, or for someone else's quiz attempt through the API.
// Each test's client comes from an address of its own (accounts-support.ts), so the
// per-client cap on recorded refusals is never shared with another test.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import { correctResponse } from "../../lib/domain/quiz";
import { addPerson, createCohort, enrol, uniqueEmail, uniqueName } from "../e2e/db";
import { signedInAdmin, signedInPerson } from "../e2e/people";
import { expectAccessible } from "../e2e/support";
import { auditOf, clientFrom, insertSession, sessionCount } from "./accounts-support";

const PERSON = { name: "Reza Refused", country: "IR" };
const REFUSED = "security.refused";
const lecture = loadLectures(path.join(process.cwd(), "content"))[0]!;

test("[SECURITY][EVENTS]: a participant opening an admin page gets a 404, recorded as a security event an admin reads", async ({
  browser,
}) => {
  const participant = await clientFrom(browser);
  const me = await signedInPerson(participant.page, "refused-page", PERSON);
  const response = await participant.page.goto("/admin/cohorts");
  expect(response?.status()).toBe(404);
  await expect
    .poll(() => auditOf(REFUSED, me.userId))
    .toEqual([expect.objectContaining({ actor_id: me.userId, entity_id: "/admin/cohorts", ip: participant.ip })]);

  const { page } = await clientFrom(browser);
  await signedInAdmin(page, "events-admin");
  await page.goto("/admin/audit");
  await page.getByRole("link", { name: "Show refused requests (security events)" }).click();
  await expect(page.getByLabel("Action")).toHaveValue(REFUSED);
  await page.getByLabel("Person (name or e-mail)").fill(me.email);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("1 matching event, newest first.");
  const row = page.getByRole("row").filter({ hasText: me.email });
  await expect(row).toContainText(REFUSED);
  await expect(row).toContainText("request /admin/cohorts");
  await expect(row).toContainText(participant.ip);
  await expectAccessible(page);
});

test("[SECURITY][EVENTS]: a participant replaying an admin's server action is refused, changes nothing, and is recorded", async ({
  browser,
  baseURL,
}) => {
  const admin = await clientFrom(browser);
  await signedInAdmin(admin.page, "action-admin");
  const targetId = await addPerson(uniqueEmail("target"), PERSON);
  await insertSession(targetId);
  await admin.page.goto(`/admin/people/${targetId}`);
  const sent = admin.page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await admin.page.getByRole("button", { name: "End all sessions" }).click();
  const action = await sent;
  await expect(admin.page.getByRole("status")).toHaveText("1 session ended.");

  await insertSession(targetId);
  const participant = await clientFrom(browser);
  const me = await signedInPerson(participant.page, "replayer", PERSON);
  const actionId = action.headers()["next-action"]!;
  const replay = await participant.page.request.post(action.url(), {
    headers: {
      "Next-Action": actionId,
      "Content-Type": action.headers()["content-type"]!,
      Accept: "text/x-component",
      Origin: baseURL!,
    },
    data: action.postDataBuffer()!,
  });
  expect(replay.status()).not.toBe(303);
  expect(await sessionCount(targetId)).toBe(1);
  // The action's refusal; the page the action was posted to is refused as well.
  await expect
    .poll(async () => (await auditOf(REFUSED, me.userId)).map((e) => e.entity_id))
    .toContain(`action ${actionId} (/admin/people)`);
});

test("[SECURITY][EVENTS]: a participant reaching for someone else's quiz attempt through the API gets a 404, recorded", async ({
  browser,
  baseURL,
}) => {
  const cohort = await createCohort({ name: uniqueName("Events cohort") });
  const owner = await clientFrom(browser);
  const victim = await signedInPerson(owner.page, "attempt-owner", PERSON);
  await enrol(victim.email, cohort.id);
  const json = { "Content-Type": "application/json", Origin: baseURL! };
  const started = await owner.page.request.post(`/api/cohorts/${cohort.id}/quizzes/${lecture.slug}/attempts`, {
    headers: json,
    data: {},
  });
  expect(started.status(), await started.text()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };

  const intruder = await clientFrom(browser);
  const me = await signedInPerson(intruder.page, "attempt-intruder", PERSON);
  await enrol(me.email, cohort.id);
  const look = await intruder.page.request.put(`/api/attempts/${attemptId}/answers`, {
    headers: json,
    data: { questionId: lecture.quiz.questions[0]!.id, response: correctResponse(lecture.quiz.questions[0]!) },
  });
  expect(look.status()).toBe(404);
  await expect
    .poll(() => auditOf(REFUSED, me.userId))
    .toEqual([
      expect.objectContaining({
        entity_id: `PUT /api/attempts/${attemptId}/answers`,
        ip: intruder.ip,
        after: { status: 404 },
      }),
    ]);
  expect(await auditOf(REFUSED, victim.userId)).toEqual([]);
});

test("[SECURITY][EVENTS]: refusals are recorded at most 20 times per person in 10 minutes, so they cannot flood the audit log", async ({
  browser,
}) => {
  const participant = await clientFrom(browser);
  const me = await signedInPerson(participant.page, "flood", PERSON);
  for (let i = 0; i < 25; i++) {
    const response = await participant.page.request.get(`/admin/cohorts?n=${i}`);
    expect(response.status()).toBe(404);
  }
  await expect.poll(async () => (await auditOf(REFUSED, me.userId)).length).toBe(20);
});
