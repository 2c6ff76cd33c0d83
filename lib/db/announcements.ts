// Announcements: an organiser's message to a cohort's participants (lib/domain/announcements.ts),
// written as a draft, previewed, then sent. Sending marks the draft sent and writes a notice
// to each recipient (their dashboard lists it) and one job that e-mails them all
// (lib/jobs/tasks.ts), in one transaction: the message goes out exactly when the organiser's
// send succeeds. Callers check the admin role first.
import { z } from "zod";
import {
  AUDIENCES,
  audienceOf,
  draftProblem,
  type Audience,
  type TAnnouncementDraft,
} from "@/lib/domain/announcements";
import { recordAudit } from "./audit";
import { cohortEligibility, type LectureRef } from "./certificates";
import type { Db } from "./client";
import { addJob } from "./jobs";
import { checkedRows } from "./sql";

/** The active participants of the cohort the audience reaches, now. */
export async function announcementRecipients(
  db: Db,
  cohortId: string,
  audience: Audience,
  lectures: readonly LectureRef[],
): Promise<string[]> {
  if (audience === "all") {
    const rows = await db.enrolment.findMany({ where: { cohortId, status: "ACTIVE" }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }
  return audienceOf(audience, await cohortEligibility(db, cohortId, lectures));
}

/** How many each audience reaches now, from one reading of the cohort's progress. */
export async function audienceCounts(
  db: Db,
  cohortId: string,
  lectures: readonly LectureRef[],
): Promise<Record<Audience, number>> {
  const eligibility = await cohortEligibility(db, cohortId, lectures);
  return Object.fromEntries(AUDIENCES.map((a) => [a, audienceOf(a, eligibility).length])) as Record<Audience, number>;
}

/** Saves a draft of the cohort's (a new one, or `id`'s while it is not sent); null when there is no such draft or cohort. */
export async function saveAnnouncementDraft(
  db: Db,
  input: TAnnouncementDraft & { actorId: string; cohortId: string; id?: string },
): Promise<string | null> {
  const values = { audience: input.audience, subject: input.subject, body: input.body, authorId: input.actorId };
  if (input.id) {
    const { count } = await db.announcement.updateMany({
      where: { id: input.id, cohortId: input.cohortId, sentAt: null },
      data: values,
    });
    return count === 1 ? input.id : null;
  }
  const cohort = await db.cohort.findFirst({ where: { id: input.cohortId, archivedAt: null }, select: { id: true } });
  if (!cohort) return null;
  const { id } = await db.announcement.create({ data: { ...values, cohortId: cohort.id }, select: { id: true } });
  return id;
}

/** Discards a draft of the cohort (a sent announcement stays); false when there is no such draft. */
export async function discardAnnouncementDraft(db: Db, cohortId: string, id: string): Promise<boolean> {
  const { count } = await db.announcement.deleteMany({ where: { id, cohortId, sentAt: null } });
  return count === 1;
}

/** One announcement of the cohort, draft or sent. */
export function getAnnouncement(db: Db, cohortId: string, id: string) {
  return db.announcement.findFirst({
    where: { id, cohortId },
    select: { id: true, audience: true, subject: true, body: true, sentAt: true, recipientCount: true },
  });
}

export type SendResult =
  { ok: true; recipients: number } | { ok: false; error: "not-found" | "already-sent" | "subject" | "body" };

/**
 * Sends a draft to its audience as it stands now. Marking it sent is the transaction's first
 * write and is conditional on it being a draft: two sends of the same draft (a double click,
 * two organisers) send it once.
 */
export async function sendAnnouncement(
  db: Db,
  input: { actorId: string; cohortId: string; id: string; lectures: readonly LectureRef[] },
): Promise<SendResult> {
  const draft = await db.announcement.findFirst({
    where: { id: input.id, cohortId: input.cohortId, cohort: { archivedAt: null } },
    select: { id: true, audience: true, subject: true, body: true, sentAt: true },
  });
  if (!draft) return { ok: false, error: "not-found" };
  if (draft.sentAt) return { ok: false, error: "already-sent" };
  const problem = draftProblem(draft);
  if (problem) return { ok: false, error: problem };
  const audience = draft.audience as Audience;
  const recipients = await announcementRecipients(db, input.cohortId, audience, input.lectures);
  return db.$transaction(
    async (tx): Promise<SendResult> => {
      const { count } = await tx.announcement.updateMany({
        where: { id: draft.id, sentAt: null },
        data: { sentAt: new Date(), recipientCount: recipients.length, authorId: input.actorId },
      });
      if (count !== 1) return { ok: false, error: "already-sent" };
      await tx.notice.createMany({
        data: recipients.map((userId) => ({
          userId,
          cohortId: input.cohortId,
          kind: "announcement",
          data: { announcementId: draft.id, subject: draft.subject },
        })),
      });
      if (recipients.length > 0)
        await addJob(tx, "send-announcement", { announcementId: draft.id }, { key: `announcement:${draft.id}` });
      await recordAudit(tx, {
        action: "announcement.sent",
        actorId: input.actorId,
        entity: "cohort",
        entityId: input.cohortId,
        cohortId: input.cohortId,
        after: { announcementId: draft.id, audience, subject: draft.subject, recipients: recipients.length },
      });
      return { ok: true, recipients: recipients.length };
    },
    { timeout: 30_000 },
  );
}

/** The cohort's announcements, drafts first, then the sent ones newest first, with their author and how many of their e-mails went out. */
export async function listCohortAnnouncements(db: Db, cohortId: string, take = 20) {
  const rows = await db.announcement.findMany({
    where: { cohortId },
    orderBy: [{ sentAt: { sort: "desc", nulls: "first" } }, { updatedAt: "desc" }],
    take,
    select: {
      id: true,
      audience: true,
      subject: true,
      recipientCount: true,
      createdAt: true,
      updatedAt: true,
      sentAt: true,
      author: { select: { name: true, email: true } },
    },
  });
  if (rows.length === 0) return [];
  // How many of each one's e-mails went out (their keys are announcement:<id>:<user>).
  const counts = checkedRows(
    z.strictObject({ id: z.string(), sent: z.number().int() }),
    await db.$queryRaw`
      SELECT split_part(key, ':', 2) AS id, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent
        FROM outbound_emails
       WHERE kind = 'announcement' AND split_part(key, ':', 2) = ANY(${rows.map((r) => r.id)}::text[])
       GROUP BY 1`,
  );
  const sent = new Map(counts.map((c) => [c.id, c.sent]));
  return rows.map((r) => ({ ...r, audience: r.audience as Audience, mailed: sent.get(r.id) ?? 0 }));
}

/** What the announcement's e-mail needs. */
export async function announcementForMail(db: Db, id: string) {
  return db.announcement.findUnique({
    where: { id },
    select: { id: true, subject: true, body: true, sentAt: true, cohort: { select: { name: true, timeZone: true } } },
  });
}

/** The announcement's recipients after `after` (a user id), `take` at a time, with what their e-mail needs. */
export async function announcementRecipientPage(db: Db, id: string, after: string | null, take: number) {
  return checkedRows(
    z.strictObject({
      user_id: z.string(),
      email: z.string(),
      name: z.string().nullable(),
      certificate_name: z.string().nullable(),
      mail_opt_outs: z.array(z.string()).nullable(),
    }),
    await db.$queryRaw`
      SELECT n.user_id, u.email, u.name, u.certificate_name, u.mail_opt_outs
        FROM notices n JOIN users u ON u.id = n.user_id
       WHERE n.kind = 'announcement' AND n.data->>'announcementId' = ${id} AND n.user_id > ${after ?? ""}
       ORDER BY n.user_id
       LIMIT ${take}`,
  );
}
