import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import { correctResponse } from "../../lib/domain/quiz";
import { addSession, createCohort, enrol, setQuizLimits, uniqueName, type Cohort } from "./db";
import { signedInPerson } from "./people";
import { expectAccessible, expectNoHorizontalScroll } from "./support";
import { after, badgeTime, DAY, fromNow, HOUR } from "./time";

const LECTURES = loadLectures(path.join(process.cwd(), "content"));
const [FIRST, SECOND] = [LECTURES[0]!, LECTURES[1]!];

// Farrukh reads his course in Tashkent (UTC+5, no daylight saving time).
const FARRUKH = {
  name: "Farrukh Yusupov",
  country: "UZ",
  organisation: "Ministry of Innovative Development",
  position: "Analyst",
  timeZone: "Asia/Tashkent",
};

/** Farrukh, signed in, with a place in a new cohort. */
async function farrukhInCohort(page: Page) {
  const cohort = await createCohort({ name: uniqueName("Progress cohort") });
  const { email } = await signedInPerson(page, "progress", FARRUKH);
  await enrol(email, cohort.id);
  return cohort;
}

const progressOf = (page: Page, cohort: Cohort) =>
  page.getByRole("region", { name: cohort.name }).getByRole("region", { name: "Your progress" });

/** What the site's own pages send with every write to the JSON API. */
const SITE_ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3200}` };

/** Takes and passes lecture 1's quiz through the JSON API, with the page's session. */
async function passFirstQuiz(page: Page, cohortId: string) {
  const started = await page.request.post(`/api/cohorts/${cohortId}/quizzes/${FIRST.slug}/attempts`, {
    headers: SITE_ORIGIN,
  });
  expect(started.status()).toBe(201);
  const { attemptId } = (await started.json()) as { attemptId: string };
  const answers = Object.fromEntries(FIRST.quiz.questions.map((q) => [q.id, correctResponse(q)]));
  const submitted = await page.request.post(`/api/attempts/${attemptId}/submit`, {
    headers: SITE_ORIGIN,
    data: { answers },
  });
  expect(await submitted.json()).toMatchObject({ passed: true });
}

test("[PARTICIPANT][PROGRESS]: marks a lecture as studied at the end of its course page, and the dashboard's progress and next step move on", async ({
  page,
}) => {
  const cohort = await farrukhInCohort(page);
  await page.goto("/dashboard");
  const progress = progressOf(page, cohort);
  await expect(progress).toContainText("0 of 5 lectures studied; 0 of 5 quizzes passed.");
  const lastDay = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${cohort.endsOn}T00:00:00Z`),
  );
  await expect(progress).toContainText(`Deadline: finish by ${lastDay}, the cohort's last day.`);
  await expect(progress.getByRole("progressbar", { name: "Lectures studied" })).toHaveAttribute("value", "0");
  await expectAccessible(page);

  await progress.getByRole("link", { name: "Continue: Lecture 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/course/${cohort.id}/lectures/${FIRST.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: FIRST.meta.title })).toBeVisible();
  // The reading ends with the mark, then the lecture's quiz: its status and a button.
  const studied = page.getByRole("region", { name: "Studied?" });
  await expect(studied).toContainText("You have not marked this lecture as studied yet.");
  const quiz = page.getByRole("region", { name: "Quiz of lecture 1" });
  await expect(quiz).toContainText("Quiz: not started");
  await expect(quiz.getByRole("link", { name: /Take the quiz/ })).toHaveAttribute(
    "href",
    `/course/${cohort.id}/quiz/${FIRST.slug}`,
  );
  await expect(page.getByRole("navigation", { name: "Lecture navigation" }).getByRole("link")).toHaveAttribute(
    "href",
    `/course/${cohort.id}/lectures/${SECOND.slug}`,
  );
  await expectAccessible(page);

  await studied.getByRole("button", { name: "Mark as studied" }).click();
  await expect(studied.getByRole("status")).toHaveText("Marked as studied.");
  await expect(studied).toContainText("You marked this lecture as studied.");
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to your course" }).click();
  await expect(progress).toContainText("1 of 5 lectures studied; 0 of 5 quizzes passed.");
  await expect(progress.getByRole("listitem").first()).toHaveText("Lecture 1: studied");
  await expect(progress.getByRole("progressbar", { name: "Lectures studied" })).toHaveAttribute("value", "1");
  const next = progress.getByRole("link", { name: "Continue: Lecture 1 quiz" });
  await expect(next).toHaveAttribute("href", `/course/${cohort.id}/quiz/${FIRST.slug}`);
  await next.click();
  await expect(page.getByRole("heading", { level: 1, name: "Quiz of lecture 1" })).toBeVisible();

  // Taking the mark back counts the lecture out again.
  await page.goto(`/course/${cohort.id}/lectures/${FIRST.slug}`);
  await page.getByRole("button", { name: "Unmark: not studied yet" }).click();
  await expect(page.getByRole("status")).toHaveText("No longer marked as studied.");
  await page.goto("/dashboard");
  await expect(progress).toContainText("0 of 5 lectures studied");
});

test("[PARTICIPANT][PROGRESS]: a passed quiz counts its lecture as studied, and the course page ends with the quiz passed", async ({
  page,
}) => {
  const cohort = await farrukhInCohort(page);
  await passFirstQuiz(page, cohort.id);
  await page.goto("/dashboard");
  const progress = progressOf(page, cohort);
  await expect(progress).toContainText("1 of 5 lectures studied; 1 of 5 quizzes passed.");
  await expect(progress.getByRole("listitem").first()).toHaveText("Lecture 1: studied, quiz passed");
  await progress.getByRole("link", { name: "Continue: Lecture 2" }).click();
  await expect(page.getByRole("heading", { level: 1, name: SECOND.meta.title })).toBeVisible();

  await page.goto(`/course/${cohort.id}/lectures/${FIRST.slug}`);
  await expect(page.getByRole("region", { name: "Studied?" })).toContainText("Studied: you passed its quiz.");
  const quiz = page.getByRole("region", { name: "Quiz of lecture 1" });
  await expect(quiz).toContainText("Quiz: passed (100%)");
  await expect(quiz.getByRole("link", { name: /Your results/ })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page);
});

test("[PARTICIPANT][PROGRESS]: the dashboard's lectures open their course pages; another cohort's are closed, and the public page shows no one's progress", async ({
  page,
}) => {
  const cohort = await farrukhInCohort(page);
  const other = await createCohort({ name: uniqueName("Other cohort") });
  await page.goto("/dashboard");
  await page
    .getByRole("region", { name: cohort.name })
    .getByRole("region", { name: "The five lectures" })
    .getByRole("link", { name: `Lecture 2: ${SECOND.meta.title}`, exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/course/${cohort.id}/lectures/${SECOND.slug}$`));
  expect((await page.request.get(`/course/${other.id}/lectures/${SECOND.slug}`)).status()).toBe(404);

  await page.goto(`/lectures/${SECOND.slug}`);
  await expect(page.getByRole("button", { name: "Mark as studied" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to your course" })).toHaveAttribute("href", "/dashboard");
});

test("[PARTICIPANT][PROGRESS]: after a cohort's last day the dashboard gives no past date to finish by, and quizzes that closed are said to have closed", async ({
  page,
}) => {
  // A self-paced cohort kept open after its dates: its quizzes never close.
  const cohort = await createCohort({ name: uniqueName("Ended cohort"), days: { first: -60, last: -30 } });
  const { email } = await signedInPerson(page, "progress-ended", FARRUKH);
  await enrol(email, cohort.id);
  await page.goto("/dashboard");
  const progress = progressOf(page, cohort);
  const lastDay = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: "UTC" }).format(
    new Date(`${cohort.endsOn}T00:00:00Z`),
  );
  await expect(progress).toContainText(
    `No deadline: the cohort's last day was ${lastDay}, and its quizzes have no closing date.`,
  );
  await expect(progress).not.toContainText("finish by");
  await expect(progress.getByRole("link", { name: "Continue: Lecture 1" })).toBeVisible();

  // Its quizzes closed yesterday: the date is said as past.
  const closed = fromNow(-DAY);
  await setQuizLimits(cohort.id, null, closed);
  await page.reload();
  const day = new Intl.DateTimeFormat("en", { dateStyle: "full", timeZone: FARRUKH.timeZone }).format(closed);
  await expect(progress).toContainText(`The quizzes closed on ${day} at `);
  await expect(progress).not.toContainText("Deadline");
  await expectAccessible(page);
});

test("[PARTICIPANT][DASHBOARD] @clock: the upcoming-session badge names the day, the time and the participant's time zone", async ({
  page,
}) => {
  const cohort = await farrukhInCohort(page);
  const startsAt = fromNow(2 * DAY + 5 * HOUR);
  await addSession(cohort.id, FIRST.slug, startsAt, after(startsAt, HOUR));
  await page.goto("/dashboard");
  const item = page
    .getByRole("region", { name: cohort.name })
    .getByRole("region", { name: "The five lectures" })
    .getByRole("listitem")
    .first();
  // e.g. "Live session on Friday, December 4, 2026 at 10:35 PM (Uzbekistan Standard Time)"
  await expect(item).toContainText(`Live session on ${badgeTime(startsAt, "Asia/Tashkent")}`);
  await expect(item).toContainText("(Uzbekistan Standard Time)");
});
