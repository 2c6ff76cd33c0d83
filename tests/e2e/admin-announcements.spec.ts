import { expect, test } from "@playwright/test";
import { unsubscribeToken } from "../../lib/mail/unsubscribe";
import {
  addParticipant,
  addPerson,
  createCohort,
  enrol,
  latestEmailOfKind,
  mailOptOuts,
  uniqueEmail,
  uniqueName,
} from "./db";
import { signedInAdmin, signInAs } from "./people";
import { expectAccessible, expectNoHorizontalScroll } from "./support";

/** A long address with nowhere to break, as reading links often are. */
const SLIDES =
  "https://training.example.org/materials/2021-12-15/lecture-1/Policy-Framework-for-STI-in-National-High-Tech-Zones-slides.pdf";

test("[ANNOUNCEMENTS]: an organiser previews and sends an announcement; each participant gets it by e-mail and on the dashboard, and can stop announcements from the e-mail's link or their profile", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Announcing cohort") });
  const nodira = uniqueEmail("nodira");
  const nodiraId = await addPerson(nodira, { name: "Nodira Yusupova", country: "UZ", timeZone: "Asia/Tashkent" });
  await enrol(nodira, cohort.id);
  const bilal = uniqueEmail("bilal");
  await addParticipant(cohort.id, bilal, "Bilal Qureshi");
  await signedInAdmin(page, "announcing-admin");

  await page.goto(`/admin/cohorts/${cohort.id}/announcements`);
  await expect(page.getByRole("link", { name: "Announcements", exact: true })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);
  await page.getByLabel("Everyone with a place (2)").check();
  await page.getByLabel("Subject").fill("Slides of the first lecture");
  await page
    .getByLabel("Message")
    .fill(
      `The slides of Lecture 1 are now on your course page.\n\nPlease read them before Monday's session: ${SLIDES}.`,
    );
  await page.getByRole("button", { name: "Preview" }).click();

  // The preview: how many it reaches, and the e-mail as they will read it.
  await expect(page.getByText("It will go to 2 participants (everyone with a place).")).toBeVisible();
  const preview = page.getByRole("article", { name: "The e-mail as participants will receive it" });
  await expect(preview).toContainText(`Subject: Slides of the first lecture (${cohort.name})`);
  await expect(preview).toContainText("Please read them before Monday's session:");
  // An address in the message is a link, without the sentence's full stop.
  await expect(preview.getByRole("link", { name: SLIDES })).toHaveAttribute("href", SLIDES);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send to 2 participants" }).click();
  await expect(page.getByRole("status")).toHaveText("Sent to 2 participants. The e-mails are on their way.");
  const history = page.getByRole("region", { name: "Sent and drafts" });
  await expect(history.getByRole("row", { name: /Slides of the first lecture/ })).toContainText(
    "everyone with a place",
  );

  // The server's worker sends it: each has their own e-mail, with a link to stop announcements.
  await expect.poll(async () => (await latestEmailOfKind(nodira, "announcement"))?.sent_at ?? null).not.toBeNull();
  const mail = (await latestEmailOfKind(nodira, "announcement"))!;
  expect(mail.subject).toBe(`Slides of the first lecture (${cohort.name})`);
  expect(mail.text).toContain("Dear Nodira Yusupova,");
  expect(mail.unsubscribe_url).toMatch(/\/api\/unsubscribe\?u=.+&k=announcement&t=/);
  await expect.poll(async () => (await latestEmailOfKind(bilal, "announcement"))?.subject).toBe(mail.subject);

  // Nodira reads it on her dashboard.
  const participant = await (await browser.newContext()).newPage();
  await signInAs(participant, nodiraId);
  await participant.goto("/dashboard");
  const messages = participant.getByRole("region", { name: "Messages" });
  await expect(messages).toContainText(`The organisers of ${cohort.name}: Slides of the first lecture`);
  await expect(messages).toContainText("Please read them before Monday's session:");
  await expect(messages.getByRole("link", { name: SLIDES })).toHaveAttribute("href", SLIDES);
  await expectAccessible(participant);
  // On a phone, the long address breaks rather than widen the page.
  await participant.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(participant);

  // The link at the foot of the e-mail asks first, then turns announcements off, without signing in.
  const link = new URL(/https?:\/\/\S+\/unsubscribe\?\S+/.exec(mail.text)![0]);
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`${link.pathname}${link.search}`);
  await expect(stranger.getByText("Stop the organisers' announcements by e-mail?")).toBeVisible();
  await expectAccessible(stranger);
  expect(await mailOptOuts(nodiraId)).toEqual([]);
  await stranger.getByRole("button", { name: "Stop announcements" }).click();
  await expect(stranger.getByRole("status")).toHaveText(
    "Done: you will no longer receive the organisers' announcements by e-mail.",
  );
  expect(await mailOptOuts(nodiraId)).toEqual(["announcement"]);
  // An altered link is refused.
  await stranger.goto(`${link.pathname}${link.search.replace(/t=[^&]+/, `t=${"A".repeat(32)}`)}`);
  await expect(stranger.getByText("This unsubscribe link is not valid.", { exact: false })).toBeVisible();

  // Her profile shows it, and turns reminders off too.
  await participant.goto("/profile");
  const settings = participant.getByRole("region", { name: "E-mail" });
  await expect(settings.getByLabel("Announcements from the organisers of your cohorts")).not.toBeChecked();
  await settings
    .getByLabel("Reminders: live sessions a day and an hour before, check-in opening, quizzes about to close")
    .uncheck();
  await settings.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(participant.getByRole("status")).toHaveText("Your e-mail settings are saved.");
  await expect(
    settings.getByLabel("Reminders: live sessions a day and an hour before, check-in opening, quizzes about to close"),
  ).not.toBeChecked();
  expect(await mailOptOuts(nodiraId)).toEqual(["reminder", "announcement"]);
  await expectAccessible(participant);
  // And on again.
  await settings.getByLabel("Announcements from the organisers of your cohorts").check();
  await settings.getByRole("button", { name: "Save e-mail settings" }).click();
  // The status already reads "saved" from the first save: wait for the second to be stored.
  await expect.poll(() => mailOptOuts(nodiraId)).toEqual(["reminder"]);
});

test("[UNSUBSCRIBE]: a mail client's one-click unsubscribe (RFC 8058) posts from anywhere and turns the kind off; a forged link is refused", async ({
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("One-click cohort") });
  const userId = await addParticipant(cohort.id, uniqueEmail("oneclick"), "Chen Wei");
  const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.net" };
  const forged = await request.post(`/api/unsubscribe?u=${userId}&k=reminder&t=${"A".repeat(32)}`, {
    headers: form,
    data: "List-Unsubscribe=One-Click",
  });
  expect(forged.status()).toBe(400);
  expect(await mailOptOuts(userId)).toEqual([]);
  const token = unsubscribeToken(process.env.AUTH_SECRET!, userId, "reminder");
  const response = await request.post(`/api/unsubscribe?u=${userId}&k=reminder&t=${token}`, {
    headers: form,
    data: "List-Unsubscribe=One-Click",
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, unsubscribed: "reminder" });
  expect(await mailOptOuts(userId)).toEqual(["reminder"]);
});
