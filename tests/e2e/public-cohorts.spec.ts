import { expect, test, type Page } from "@playwright/test";
import { organisersEmail } from "../../lib/site/contact";
import { addNewcomer, createCohort, enrol, latestSignInEmail, uniqueEmail, uniqueName } from "./db";
import { relistCohorts, signedInAdmin, signedInPerson } from "./people";
import { expectAccessible } from "./support";
import { addDays, dayIn } from "./time";

/**
 * A server action's answer (sign-in, saving, enrolling) on a machine busy with other work:
 * it can take longer than the default wait, which is kept for what is already on the page.
 */
const SLOW = 60_000;
const MOZHGAN = { name: "Mozhgan Yazdianpour", country: "IR", organisation: "IRIS", position: "Director" };

function cohortCard(page: Page, name: string) {
  return page.getByRole("region", { name: "Open cohorts" }).getByRole("listitem").filter({ hasText: name });
}

test("[PUBLIC][COHORTS] @clock: lists only the cohorts people can join or ask to join, with the next live session, and says the others are by invitation", async ({
  page,
  browser,
}) => {
  const live = await createCohort({ name: uniqueName("Live cohort") });
  const approval = await createCohort({ name: uniqueName("Approval cohort"), mode: "APPROVAL" });
  const invited = await createCohort({ name: uniqueName("Invited cohort"), mode: "INVITE_ONLY" });

  // An admin schedules a live session for tomorrow, 10:00 on the cohort's clock: the
  // landing page shows it at once.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signedInAdmin(admin, "schedule-admin");
  await admin.goto(`/admin/cohorts/${live.id}/sessions`);
  const lecture = (await admin.getByLabel("Lecture *").locator("option", { hasText: "Lecture 3:" }).textContent())!;
  await admin.getByLabel("Lecture *").selectOption({ label: lecture });
  const day = addDays(dayIn(new Date(), live.timeZone), 1);
  await admin.getByLabel("Day *").fill(day);
  await admin.getByLabel("Starts *").fill("10:00");
  await admin.getByLabel("Ends *").fill("11:30");
  await admin.getByRole("button", { name: "Add session" }).click();
  await expect(admin.getByRole("row").filter({ has: admin.getByRole("cell") })).toHaveCount(1, { timeout: SLOW });
  await adminContext.close();

  const response = await page.goto("/");
  const when = new Intl.DateTimeFormat("en", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: live.timeZone,
    timeZoneName: "short",
  }).format(new Date(`${day}T10:00:00+05:00`));
  const liveCard = cohortCard(page, live.name);
  await expect(liveCard).toContainText(`Live sessions${`Next: ${when}, ${lecture.replace(/^Lecture 3: /, "")}`}`);
  await expect(liveCard).toContainText("EnrolmentOpen enrolment");
  await expect(liveCard).toContainText("Enrol byNo deadline");
  await expect(liveCard).not.toContainText(/self-paced/i);
  await expect(liveCard.getByRole("link", { name: `Enrol: ${live.name}` })).toBeVisible();

  const approvalCard = cohortCard(page, approval.name);
  await expect(approvalCard).toContainText("Live sessionsNone scheduled: study at your own pace");
  await expect(approvalCard.getByRole("link", { name: `Request a place: ${approval.name}` })).toBeVisible();

  // The invitation-only cohort is not offered, its invite code is nowhere, and the page says why.
  await expect(page.getByRole("region", { name: "Open cohorts" })).not.toContainText(invited.name);
  expect(await response!.text()).not.toContain(invited.inviteCode);
  expect(await page.content()).not.toContain(live.inviteCode);
  await expect(page.getByRole("region", { name: "Open cohorts" })).toContainText(
    "Other cohorts are by invitation only: the organisers add their participants and e-mail them how to sign in.",
  );
  await expectAccessible(page);

  // Nor has it a public page of its own.
  expect((await page.goto(`/cohorts/${invited.id}`))?.status()).toBe(404);
});

test("[PARTICIPANT][ENROL]: a new person enrols in an open cohort from the home page, through sign-in and profile, with one press", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Spring cohort") });
  await relistCohorts(browser, cohort.id);
  await page.goto("/");
  await page.getByRole("link", { name: `Enrol: ${cohort.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/cohorts/${cohort.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: cohort.name })).toBeVisible();
  await expect(page.getByText("Open cohort", { exact: true })).toBeVisible();
  await expect(page.getByText("You will be asked to sign in (no password)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enrol in this cohort" }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2Fcohorts%2F${cohort.id}$`), { timeout: SLOW });

  const email = uniqueEmail("home-enrol");
  // A newcomer has no invitation: the field says any address of theirs will do.
  await expect(page.getByLabel("E-mail address")).toHaveAccessibleDescription(
    /^New here\? Any address you read will do: your account is made the first time you sign in\./,
  );
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a link and a code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await page.getByLabel("6-digit code").fill((await latestSignInEmail(email)).code);
  await page.getByRole("button", { name: "Sign in" }).click();

  // The profile comes first; after it, the cohort's page finishes the enrolment by itself.
  await expect(page).toHaveURL(new RegExp(`/profile\\?callbackUrl=%2Fcohorts%2F${cohort.id}$`), { timeout: SLOW });
  await page.getByLabel("Full name *").fill("Mozhgan Yazdianpour");
  await page.getByLabel("Name on the certificate, in Latin script *").fill("Mozhgan Yazdianpour");
  await page.getByLabel("Country *").selectOption({ label: "Iran" });
  await page.getByLabel("Organisation *").fill("IRIS");
  await page.getByLabel("Position *").fill("Director of International Cooperation");
  await page.getByLabel("Time zone *").selectOption("Asia/Tehran");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You are enrolled" })).toBeVisible({ timeout: SLOW });
  await expect(page).toHaveURL(new RegExp(`/cohorts/${cohort.id}\\?outcome=enrolled$`));
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to your course" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 2, name: cohort.name })).toBeVisible();
});

test("[PARTICIPANT][ENROL]: in a cohort on approval, Request a place from the home page ends with a request waiting", async ({
  page,
  browser,
}) => {
  const cohort = await createCohort({ name: uniqueName("Approval cohort"), mode: "APPROVAL" });
  await relistCohorts(browser, cohort.id);
  await signedInPerson(page, "requester", MOZHGAN);
  // Signed in but in no cohort yet: the course page points to the open cohorts.
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "open cohorts" }).click();
  await expect(page).toHaveURL(/\/#open-cohorts$/);
  await page.getByRole("link", { name: `Request a place: ${cohort.name}` }).click();
  await expect(page.getByText("Send a request: the organisers confirm each place.")).toBeVisible();
  // Its page does not call it open: a place there is asked for.
  await expect(page.getByText("Cohort on approval", { exact: true })).toBeVisible();
  await expect(page.getByText("Open cohort", { exact: true })).toHaveCount(0);
  await expect(page.getByText("You will be asked")).toHaveCount(0); // signed in, profile complete
  await page.getByRole("button", { name: "Request a place" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your request is sent" })).toBeVisible({ timeout: SLOW });
  await page.getByRole("link", { name: "Go to your course" }).click();
  await expect(
    page.getByText(`Your request to join ${cohort.name} is waiting for the organisers' approval.`),
  ).toBeVisible();
  // Back on the cohort's page, it says where the person stands, with nothing to press again.
  await page.goto(`/cohorts/${cohort.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Your request is waiting" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Request a place" })).toHaveCount(0);
  await expectAccessible(page);
});

test("[PUBLIC][HELP]: the footer gives the organisers' address and leads to the help page", async ({ page }) => {
  const email = organisersEmail();
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText(`Questions? Write to the organisers at ${email}.`);
  await expect(footer.getByRole("link", { name: email })).toHaveAttribute("href", `mailto:${email}`);
  await footer.getByRole("link", { name: "Help: how the course works" }).click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole("heading", { level: 1, name: "Help" })).toBeVisible();
  for (const topic of ["Signing in", "Quizzes", "Live sessions and attendance", "Certificates", "When you are stuck"])
    await expect(page.getByRole("region", { name: topic })).toBeVisible();
  const stuck = page.getByRole("region", { name: "When you are stuck" });
  await expect(stuck.getByRole("link", { name: email })).toHaveAttribute("href", `mailto:${email}`);
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 740 });
  await expectAccessible(page);
});

test("[PUBLIC][LANDING]: prints dark text on white, the programme band included", async ({ page }) => {
  await page.goto("/");
  await page.emulateMedia({ media: "print" });
  // Paper has no background colours: every piece of text must read on white (WCAG AA, 4.5:1).
  const faint = await page.evaluate(() => {
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText || el.closest(".sr-only") || !el.checkVisibility()) continue;
      const rgb = getComputedStyle(el)
        .color.match(/[\d.]+/g)!
        .slice(0, 3)
        .map(Number);
      const ratio = 1.05 / (luminance(rgb) + 0.05);
      if (ratio < 4.5) out.push(`${el.tagName} "${el.textContent!.trim().slice(0, 40)}": ${ratio.toFixed(2)}:1`);
    }
    return out;
  });
  expect(faint).toEqual([]);
});

test("[PUBLIC][COHORTS]: a cohort's page and its invite link have one <title>, the cohort's; a page that says why one cannot enrol has that as its title", async ({
  page,
}) => {
  const site = "BTBU-ECOSF Joint Training Center";
  /** The <title>s in the page's HTML head, as the server sends it (no script has run). */
  const titlesOf = async (address: string) => {
    const html = await (await page.request.get(address)).text();
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
    return [...head.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
  };
  const cohort = await createCohort({ name: uniqueName("Titled cohort") });
  for (const address of [`/cohorts/${cohort.id}`, `/enrol/${cohort.inviteCode}`]) {
    expect(await titlesOf(address)).toEqual([`${cohort.name} · ${site}`]);
    await page.goto(address);
    await expect(page).toHaveTitle(`${cohort.name} · ${site}`);
  }

  const full = await createCohort({ name: uniqueName("Full titled cohort"), capacity: 1 });
  const taken = uniqueEmail("place-taker");
  await addNewcomer(taken);
  await enrol(taken, full.id);
  expect(await titlesOf(`/cohorts/${full.id}`)).toEqual([`This cohort is full · ${site}`]);
  await page.goto(`/cohorts/${full.id}`);
  await expect(page).toHaveTitle(`This cohort is full · ${site}`);
  await expectAccessible(page);
});
