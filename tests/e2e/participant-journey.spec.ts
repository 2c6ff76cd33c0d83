// The whole way a new participant goes, alone, from the home page to a certificate: every
// step is a link or a button on the page the person is on. Only the sign-in e-mail (read
// from the mail sink), the check-in code (shown on the admin's screen in the session) and
// the admin's preparation come from elsewhere.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { checkInCode } from "../../lib/auth/check-in-codes";
import { loadLectures } from "../../lib/content/load";
import {
  addSession,
  createCohort,
  latestSignInEmail,
  openCheckIn,
  setCertificateRule,
  uniqueEmail,
  uniqueName,
  type Cohort,
} from "./db";
import { relistCohorts } from "./people";
import { answer, expectAccessible } from "./support";
import { after, fromNow, MINUTE } from "./time";

/**
 * A server action's answer (sign-in, saving, enrolling, submitting) on a machine busy with
 * other work: it can take longer than the default wait, which is kept for what is already
 * on the page.
 */
const SLOW = 60_000;

const LECTURES = loadLectures(path.join(process.cwd(), "content"));
const FIRST = LECTURES[0]!;
const questions = FIRST.quiz.questions;

const LEILA = { name: "Leila Karimi", country: "Iran", timeZone: "Asia/Tehran" };

/**
 * What the organisers prepare before the person arrives: an open cohort, listed on the
 * home page, with a live session on now (started five minutes ago) whose self check-in is
 * open, and a certificate rule this person can meet within one visit: lecture 1's quiz
 * passed and the one session attended.
 *
 * The cohort is made for this test rather than taken from the seeded demo cohort: the demo
 * cohort is shared by every test of the run and is dated December 2021, and a live session
 * and a certificate rule added to it would change what other tests see on the home page.
 */
async function cohortReadyForNewcomers(page: Page) {
  const cohort = await createCohort({ name: uniqueName("Journey cohort") });
  const startsAt = fromNow(-5 * MINUTE);
  const session = await addSession(cohort.id, FIRST.slug, startsAt, after(startsAt, 2 * 60 * MINUTE));
  const secret = await openCheckIn(session, 90);
  await setCertificateRule(cohort.id, { minAttendancePercent: 100, requiredQuizzes: [FIRST.slug], autoIssue: true });
  await relistCohorts(page.context().browser()!, cohort.id);
  return { cohort, secret };
}

const cohortSection = (page: Page, cohort: Cohort) => page.getByRole("region", { name: cohort.name });
const progressOf = (page: Page, cohort: Cohort) =>
  cohortSection(page, cohort).getByRole("region", { name: "Your progress" });
const certificateOf = (page: Page, cohort: Cohort) =>
  cohortSection(page, cohort).getByRole("region", { name: "Certificate" });
const yourCourse = (page: Page) => page.getByRole("banner").getByRole("link", { name: "Your course" });

test("[PARTICIPANT][JOURNEY] @clock: a new person goes from the home page to a certificate", async ({ page }) => {
  const { cohort, secret } = await cohortReadyForNewcomers(page);
  const email = uniqueEmail("journey");

  // The home page lists the open cohort, with a way in.
  await page.goto("/");
  const card = page
    .getByRole("region", { name: "Open cohorts" })
    .getByRole("listitem")
    .filter({ hasText: cohort.name });
  await expect(card).toContainText("EnrolmentOpen enrolment");
  await expectAccessible(page);
  await card.getByRole("link", { name: `Enrol: ${cohort.name}` }).click();

  // The cohort's page: one press, and sign-in first.
  await expect(page.getByRole("heading", { level: 1, name: cohort.name })).toBeVisible();
  await expect(page.getByText("You will be asked to sign in (no password)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enrol in this cohort" }).click();

  // Sign-in with the code from the e-mail.
  await expect(page.getByLabel("E-mail address")).toBeVisible({ timeout: SLOW });
  await expectAccessible(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible({ timeout: SLOW });
  await expectAccessible(page);
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();

  // The profile, then the enrolment finishes by itself.
  await expect(page.getByLabel("Full name *")).toBeVisible({ timeout: SLOW });
  await expectAccessible(page);
  await page.getByLabel("Full name *").fill(LEILA.name);
  await page.getByLabel("Name on the certificate, in Latin script *").fill(LEILA.name);
  await page.getByLabel("Country *").selectOption({ label: LEILA.country });
  await page.getByLabel("Organisation *").fill("University of Tehran");
  await page.getByLabel("Position *").fill("Researcher");
  await page.getByLabel("Time zone *").selectOption(LEILA.timeZone);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You are enrolled" })).toBeVisible({ timeout: SLOW });
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to your course" }).click();

  // The dashboard: nothing done yet, the first lecture next, the session on now, and
  // exactly what the certificate still needs.
  await expect(page.getByRole("heading", { level: 2, name: cohort.name })).toBeVisible({ timeout: SLOW });
  const progress = progressOf(page, cohort);
  await expect(progress).toContainText("0 of 5 lectures studied; 0 of 5 quizzes passed.");
  await expect(progress.getByRole("progressbar", { name: "Lectures studied" })).toHaveAttribute("value", "0");
  const onNow = cohortSection(page, cohort)
    .getByRole("region", { name: "Next live sessions" })
    .getByRole("listitem")
    .filter({ hasText: "On now" });
  await expect(onNow.getByRole("link", { name: "Check in" })).toBeVisible();
  const certificate = certificateOf(page, cohort);
  await expect(certificate).toContainText(`pass the quiz of lecture 1: ${FIRST.meta.title}`);
  await expect(certificate).toContainText("attend enough live sessions: you have 0 of the 1 needed.");
  await expectAccessible(page);
  await progress.getByRole("link", { name: "Continue: Lecture 1" }).click();

  // Lecture 1: studied, then its quiz.
  await expect(page.getByRole("heading", { level: 1, name: FIRST.meta.title })).toBeVisible({ timeout: SLOW });
  await expectAccessible(page);
  const studied = page.getByRole("region", { name: "Studied?" });
  await studied.getByRole("button", { name: "Mark as studied" }).click();
  await expect(studied.getByRole("status")).toHaveText("Marked as studied.", { timeout: SLOW });
  await expectAccessible(page);
  await page
    .getByRole("region", { name: "Quiz of lecture 1" })
    .getByRole("link", { name: /Take the quiz/ })
    .click();

  await expect(page.getByRole("heading", { level: 1, name: "Quiz of lecture 1" })).toBeVisible({ timeout: SLOW });
  await expect(page.getByText("You pass with 70% or more.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lecture 1 quiz: attempt 1" })).toBeVisible({
    timeout: SLOW,
  });
  await expectAccessible(page);
  // The right answers, from the content files: the page never has them before submitting.
  for (const q of questions) await answer(page, q);
  await expect(page.getByText("All questions answered.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "All answers saved." })).toBeVisible({ timeout: SLOW });
  await page.getByRole("button", { name: "Submit answers" }).click();
  const summary = page.getByRole("dialog", { name: "Submit your answers?" });
  await expect(summary).toContainText(`You have answered ${questions.length} of ${questions.length} questions.`);
  await expectAccessible(page);
  await summary.getByRole("button", { name: "Submit now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Passed" })).toBeVisible({ timeout: SLOW });
  await expect(
    page.getByText(`Score: ${questions.length} of ${questions.length} (100%). The pass mark is 70%.`),
  ).toBeVisible();
  await expectAccessible(page);

  // Back on the dashboard, progress has moved on, and only the session is missing.
  await yourCourse(page).click();
  await expect(progress).toContainText("1 of 5 lectures studied; 1 of 5 quizzes passed.", { timeout: SLOW });
  await expect(progress.getByRole("listitem").first()).toHaveText("Lecture 1: studied, quiz passed");
  await expect(progress.getByRole("progressbar", { name: "Lectures studied" })).toHaveAttribute("value", "1");
  await expect(progress.getByRole("link", { name: "Continue: Lecture 2" })).toBeVisible();
  await expect(certificate).not.toContainText("pass the quiz of lecture 1");
  await expect(certificate).toContainText("attend enough live sessions: you have 0 of the 1 needed.");
  await expectAccessible(page);

  // During the session: Check in, with the code on the organisers' screen.
  await onNow.getByRole("link", { name: "Check in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check in to the live session" })).toBeVisible({
    timeout: SLOW,
  });
  await expect(page.getByRole("main").getByText(cohort.name)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Code").fill(checkInCode(secret, new Date()));
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText("You are checked in: marked present.", { timeout: SLOW });
  await expectAccessible(page);

  // The rule is met: the certificate is issued just after the check-in's answer; the
  // dashboard shows it once the person looks again.
  await yourCourse(page).click();
  await expect(page.getByRole("heading", { level: 2, name: cohort.name })).toBeVisible({ timeout: SLOW });
  await expect(async () => {
    await page.reload();
    await expect(certificate).toContainText("Your certificate was issued on", { timeout: 2_000 });
  }).toPass({ timeout: SLOW });
  await expect(certificate).toContainText(`Name on the certificate: ${LEILA.name}`);
  await expect(onNow.getByRole("link", { name: "Check in" })).toHaveCount(0);
  await expectAccessible(page);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    certificate.getByRole("link", { name: "Download the certificate (PDF)" }).click(),
  ]);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe("%PDF-");

  // Its public page names her.
  await certificate.getByRole("link", { name: "Public verification page" }).click();
  await expect(page.getByRole("status")).toHaveText("Valid certificate", { timeout: SLOW });
  await expect(page.getByRole("main").getByText(LEILA.name)).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(email);
  await expectAccessible(page);
});
