// The dashboard's notices (ownNotices): the person's own, newest first, at most `take`, each
// with its cohort's name, an announcement's text from the announcement, and a notice whose
// kind or data this code does not know left out.
import { describe, expect, it } from "vitest";
import { ownNotices } from "@/lib/db/notices";
import { setUpTestDatabase } from "./support/database";

const t = setUpTestDatabase();

describe("ownNotices", () => {
  it("lists the person's own notices, newest first, at most `take`, with cohort names and announcement texts", async () => {
    const [reader, other] = await t.db.user.createManyAndReturn({
      data: [{ email: "reader@notices.example.org" }, { email: "other@notices.example.org" }],
      select: { id: true },
    });
    const cohort = await t.db.cohort.create({
      data: { slug: "notices", name: "Notices cohort", timeZone: "UTC", startsOn: new Date(), endsOn: new Date() },
    });
    const announcement = await t.db.announcement.create({
      data: { cohortId: cohort.id, audience: "all", subject: "Slides", body: "The slides are on the lecture pages." },
    });
    const at = (minute: number) => new Date(Date.UTC(2021, 11, 15, 8, minute));
    await t.db.notice.createMany({
      data: [
        { userId: reader!.id, cohortId: cohort.id, kind: "enrolment.approved", data: {}, createdAt: at(1) },
        {
          userId: reader!.id,
          cohortId: cohort.id,
          kind: "announcement",
          data: { announcementId: announcement.id, subject: "Slides" },
          createdAt: at(3),
        },
        { userId: reader!.id, cohortId: null, kind: "enrolment.moved", data: { fromCohort: "Old" }, createdAt: at(2) },
        // Unknown to this code (a kind since removed, data of another shape): left out.
        { userId: reader!.id, cohortId: cohort.id, kind: "retired.kind", data: {}, createdAt: at(4) },
        { userId: reader!.id, cohortId: cohort.id, kind: "enrolment.moved", data: { from: 1 }, createdAt: at(5) },
        { userId: other!.id, cohortId: cohort.id, kind: "enrolment.rejected", data: {}, createdAt: at(6) },
      ],
    });

    const notices = await ownNotices(t.db, reader!.id);
    expect(notices.map((n) => [n.kind, n.cohort, n.body, n.createdAt])).toEqual([
      ["announcement", "Notices cohort", "The slides are on the lecture pages.", at(3)],
      ["enrolment.moved", null, null, at(2)],
      ["enrolment.approved", "Notices cohort", null, at(1)],
    ]);
    expect(notices[1]!.data).toEqual({ fromCohort: "Old" });
    // `take` counts the newest rows, the unreadable among them.
    expect((await ownNotices(t.db, reader!.id, 3)).map((n) => n.kind)).toEqual(["announcement"]);
    expect((await ownNotices(t.db, other!.id)).map((n) => n.kind)).toEqual(["enrolment.rejected"]);
  });
});
