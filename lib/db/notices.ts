// Notices to participants (lib/domain/notices.ts): written in the transaction of the change
// they tell of, with the job that e-mails them (lib/jobs/tasks.ts), so that a notice exists,
// and is sent, exactly when the change does. Read back only by the person they are for.
import type { Prisma } from "@/generated/prisma/client";
import { readNotice, type Notice } from "@/lib/domain/notices";
import type { Db } from "./client";
import { addJob, addJobs } from "./jobs";

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

/** The acting user's latest notices, newest first, with their cohort's name. */
export async function ownNotices(db: Db, userId: string, take = 10) {
  const rows = await db.notice.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take,
  });
  const cohortIds = [...new Set(rows.flatMap((r) => (r.cohortId ? [r.cohortId] : [])))];
  const cohorts = new Map(
    (await db.cohort.findMany({ where: { id: { in: cohortIds } }, select: { id: true, name: true } })).map((c) => [
      c.id,
      c.name,
    ]),
  );
  const notices = rows.flatMap((r) => {
    const notice = readNotice(r.kind, r.data);
    return notice
      ? [{ ...notice, id: r.id, createdAt: r.createdAt, cohort: r.cohortId ? (cohorts.get(r.cohortId) ?? null) : null }]
      : [];
  });
  // An announcement's text is kept once, on the announcement.
  const announcementIds = notices.flatMap((n) => (n.kind === "announcement" ? [n.data.announcementId] : []));
  const bodies = new Map(
    announcementIds.length === 0
      ? []
      : (
          await db.announcement.findMany({
            where: { id: { in: announcementIds } },
            select: { id: true, body: true },
          })
        ).map((a) => [a.id, a.body]),
  );
  return notices.map((n) => ({
    ...n,
    body: n.kind === "announcement" ? (bodies.get(n.data.announcementId) ?? null) : null,
  }));
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
