// Notices to participants (lib/domain/notices.ts): written in the transaction of the change
// they tell of, with the job that e-mails them (lib/jobs/tasks.ts), so that a notice exists,
// and is sent, exactly when the change does. Read back only by the person they are for.
import type { Prisma } from "@/generated/prisma/client";
import { readNotice, type Notice } from "@/lib/domain/notices";
import { z } from "zod";
import type { Db } from "./client";
import { addJob, addJobs } from "./jobs";
import { sql } from "./sql";

export async function recordNotice(
  tx: Prisma.TransactionClient,
  notice: Notice & { userId: string; cohortId: string | null },
) {
  const { id } = await tx.notice.create({
    data: { userId: notice.userId, cohortId: notice.cohortId, kind: notice.kind, data: notice.data },
    select: { id: true },
  });
  await addJob(tx, "send-notice", { noticeId: id }, { key: `notice:${id}` });
  return id;
}

/** recordNotice for many people at once: two statements, however many notices. */
export async function recordNotices(
  tx: Prisma.TransactionClient,
  notices: readonly (Notice & { userId: string; cohortId: string | null })[],
) {
  if (notices.length === 0) return;
  const rows = await tx.notice.createManyAndReturn({
    data: notices.map((n) => ({ userId: n.userId, cohortId: n.cohortId, kind: n.kind, data: n.data })),
    select: { id: true },
  });
  await addJobs(
    tx,
    "send-notice",
    rows.map(({ id }) => ({ payload: { noticeId: id }, key: `notice:${id}` })),
  );
}

const ZOwnNoticeRow = z.strictObject({
  id: z.string(),
  kind: z.string(),
  data: z.unknown(),
  created_at: z.date(),
  cohort: z.string().nullable(),
  announcement_body: z.string().nullable(),
});

/**
 * The acting user's latest notices, newest first, with their cohort's name and, for an
 * announcement, its text (kept once, on the announcement). One statement (lib/db/sql.ts):
 * the dashboard shows them on every load.
 */
export async function ownNotices(db: Db, userId: string, take = 10) {
  const rows = await sql(db).rows(ZOwnNoticeRow)`
    SELECT n.id, n.kind, n.data, n.created_at, c.name AS cohort, a.body AS announcement_body
    FROM notices n
    LEFT JOIN cohorts c ON c.id = n.cohort_id
    LEFT JOIN announcements a ON n.kind = 'announcement' AND a.id = n.data->>'announcementId'
    WHERE n.user_id = ${userId}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${take}`;
  return rows.flatMap((r) => {
    const notice = readNotice(r.kind, r.data);
    if (!notice) return [];
    const body = notice.kind === "announcement" ? r.announcement_body : null;
    return [{ ...notice, id: r.id, createdAt: r.created_at, cohort: r.cohort, body }];
  });
}

/** What the notice's e-mail needs: the notice, its person and cohort. */
export async function noticeForMail(db: Db, noticeId: string) {
  const row = await db.notice.findUnique({
    where: { id: noticeId },
    select: {
      id: true,
      kind: true,
      data: true,
      cohortId: true,
      user: { select: { id: true, email: true, name: true, certificateName: true, timeZone: true, mailOptOuts: true } },
    },
  });
  if (!row) return null;
  const notice = readNotice(row.kind, row.data);
  if (!notice) return null;
  const cohort = row.cohortId
    ? await db.cohort.findUnique({ where: { id: row.cohortId }, select: { name: true, timeZone: true } })
    : null;
  return { id: row.id, notice, user: row.user, cohort };
}
