// The admin pages on a phone's width: an organiser checking attendance or results from a
// phone during a live session scrolls each wide table inside its own frame, never the page.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { loadLectures } from "../../lib/content/load";
import {
  addNewcomer,
  addParticipant,
  addSession,
  createCohort,
  enrol,
  markPresent,
  requestExcuse,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin } from "./people";
import { expectAccessible, expectNoHorizontalScroll } from "./support";
import { fromNow, HOUR } from "./time";

const FIRST = loadLectures(path.join(process.cwd(), "content"))[0]!;

test("[ADMIN][LAYOUT]: every admin page of a cohort with people in it fits a phone's width, its tables scrolling inside their frames", async ({
  page,
}) => {
  const cohort = await createCohort({ name: uniqueName("Narrow cohort") });
  // An address with nowhere to break, wider than the screen in one piece.
  const email = uniqueEmail("gulnaraabdrakhmanovaseitkaliyeva").replace("-", "");
  await addParticipant(cohort.id, email, "Gulnara Abdrakhmanova-Seitkaliyeva");
  const session = await addSession(cohort.id, FIRST.slug, fromNow(-3 * HOUR), fromNow(-2 * HOUR));
  await markPresent(session, email);
  // A request to be excused from another session, and someone waiting for a place.
  const later = await addSession(cohort.id, FIRST.slug, fromNow(-27 * HOUR), fromNow(-26 * HOUR));
  await requestExcuse(later, email, "Power cut in Almaty during the session");
  const waiting = uniqueEmail("nurlanbekzhanovichtokayevamangystau").replace("-", "");
  await addNewcomer(waiting);
  await enrol(waiting, cohort.id, "PENDING");
  await signedInAdmin(page, "narrow-admin");
  await page.setViewportSize({ width: 375, height: 800 });

  const base = `/admin/cohorts/${cohort.id}`;
  const pages = [
    "/admin/cohorts",
    "/admin/people",
    "/admin/report",
    base,
    `${base}/participants`,
    `${base}/sessions`,
    `${base}/attendance`,
    `${base}/sessions/${session}/attendance`,
    `${base}/sessions/${later}/attendance`,
    `${base}/quizzes`,
    `${base}/quizzes?lecture=${FIRST.slug}`,
    `${base}/certificates`,
    `${base}/announcements`,
    `${base}/inbox`,
    `${base}/report`,
    `/admin/audit?q=${encodeURIComponent(email)}`,
    `/admin/outbox`,
  ];
  for (const address of pages) {
    await test.step(address, async () => {
      const response = await page.goto(address);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // A cohort's pages name it in their title: "Participants · <cohort> · <site>".
      if (address.startsWith(base))
        expect(await page.title(), address).toMatch(
          new RegExp(`^\\S.* · ${cohort.name} · BTBU-ECOSF Joint Training Center$`),
        );
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
    });
  }

  // The admin bar's links wrap as whole links, each on one line and on the screen.
  const bar = page.getByRole("navigation", { name: "Administration" });
  const boxes = await Promise.all((await bar.getByRole("link").all()).map((link) => link.boundingBox()));
  expect(boxes).toHaveLength(5);
  for (const box of boxes) {
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(box!.height).toBe(boxes[0]!.height);
  }

  // A table wider than the screen is a stop for the keyboard, named by its columns, and the
  // arrow keys scroll it; a table that fits is no stop.
  await page.goto(`${base}/quizzes?lecture=${FIRST.slug}`);
  const results = page.getByRole("region", { name: /^Name, Country, Attempts/ });
  await expect(results).toHaveAttribute("tabindex", "0");
  await results.focus();
  await expect(results).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => results.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole("region", { name: /^Name, Country, Attempts/ })).toHaveCount(0);
  await expect(page.getByRole("table").filter({ hasText: "Gulnara" })).toBeVisible();
});
