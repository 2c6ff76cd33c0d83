// Admin exports hold every participant's details: only an admin's session reads them.
import { expect, test } from "@playwright/test";
import { addParticipant, createCohort, uniqueEmail, uniqueName } from "../e2e/db";
import { signedInAdmin, signedInPerson } from "../e2e/people";

test("[SECURITY][EXPORTS]: the participants CSV is refused without a session and to a participant, and served to an admin", async ({
  browser,
  request,
}) => {
  const cohort = await createCohort({ name: uniqueName("Exports") });
  const listed = uniqueEmail("listed");
  await addParticipant(cohort.id, listed, "Listed Person");
  const url = `/api/admin/cohorts/${cohort.id}/participants.csv`;

  const anonymous = await request.get(url);
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.text()).not.toContain(listed);

  const participantPage = await (await browser.newContext()).newPage();
  await signedInPerson(participantPage, "participant", { name: "Pat Participant", country: "PK" });
  const asParticipant = await participantPage.request.get(url);
  expect(asParticipant.status()).toBe(404);
  expect(await asParticipant.text()).not.toContain(listed);

  const adminPage = await (await browser.newContext()).newPage();
  await signedInAdmin(adminPage);
  const asAdmin = await adminPage.request.get(url);
  expect(asAdmin.status()).toBe(200);
  expect(await asAdmin.text()).toContain(listed);
});
