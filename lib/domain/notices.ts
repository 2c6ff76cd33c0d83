// What participants are told of (by e-mail and on their dashboard), and what each notice
// carries. Pure.
import { z } from "zod";

export const ZNoticeData = {
  "enrolment.approved": z.object({}),
  "enrolment.rejected": z.object({}),
  "enrolment.withdrawn": z.object({}),
  "enrolment.moved": z.object({ fromCohort: z.string() }),
  "certificate.issued": z.object({ certificateId: z.string(), code: z.string(), issuedAt: z.iso.datetime() }),
  /** The certificate's credential file was signed again: the signing key it had was withdrawn (lib/db/issuer-keys.ts). */
  "certificate.resigned": z.object({ certificateId: z.string(), code: z.string() }),
  "excuse.accepted": z.object({ lectureSlug: z.string(), startsAt: z.iso.datetime(), note: z.string().nullable() }),
  "excuse.refused": z.object({ lectureSlug: z.string(), startsAt: z.iso.datetime(), note: z.string().nullable() }),
  /** Self check-in to a live session is open, until `closesAt`. */
  "checkin.open": z.object({ sessionId: z.string(), lectureSlug: z.string(), closesAt: z.iso.datetime() }),
  /** The cohort's quizzes close within 24 hours, and these still need passing. */
  "quiz.closing": z.object({ closesAt: z.iso.datetime(), lectureSlugs: z.array(z.string()).min(1) }),
  /** An organiser's announcement (announcements table); its e-mail is sent by a job of its own. */
  announcement: z.object({ announcementId: z.string(), subject: z.string() }),
} as const;

export type NoticeKind = keyof typeof ZNoticeData;
export const NOTICE_KINDS = Object.keys(ZNoticeData) as NoticeKind[];
export type NoticeData<K extends NoticeKind> = z.infer<(typeof ZNoticeData)[K]>;
export type Notice = { [K in NoticeKind]: { kind: K; data: NoticeData<K> } }[NoticeKind];
/** The notices e-mailed one by one by the send-notice job (an announcement goes to all its recipients in one job). */
export type SingleNotice = Exclude<Notice, { kind: "announcement" }>;

/** Notices that remind rather than decide: their e-mail is not sent to those who turned reminders off. */
export const REMINDING_NOTICES: ReadonlySet<NoticeKind> = new Set(["checkin.open", "quiz.closing"]);

/** The notice an organiser's change to a place gives its holder; none for a change that tells them nothing new. */
export function enrolmentNotice(
  action: "approve" | "reject" | "withdraw" | "reinstate" | "move",
  fromCohort: string,
): Notice {
  switch (action) {
    case "approve":
    case "reinstate":
      return { kind: "enrolment.approved", data: {} };
    case "reject":
      return { kind: "enrolment.rejected", data: {} };
    case "withdraw":
      return { kind: "enrolment.withdrawn", data: {} };
    case "move":
      return { kind: "enrolment.moved", data: { fromCohort } };
  }
}

/** A stored notice read back: its kind and data checked, or undefined for one this code does not know. */
export function readNotice(kind: string, data: unknown): Notice | undefined {
  if (!(kind in ZNoticeData)) return undefined;
  const parsed = ZNoticeData[kind as NoticeKind].safeParse(data);
  return parsed.success ? ({ kind, data: parsed.data } as Notice) : undefined;
}
