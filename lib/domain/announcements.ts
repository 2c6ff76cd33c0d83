// An organiser's announcement to a cohort: what it may say and whom it reaches. Pure.
import { z } from "zod";
import type { Eligibility } from "./certificates";

/**
 * Everyone with an active place; or only those the certificate rule still finds missing a
 * quiz, or missing attendance (lib/domain/certificates.ts participantEligibility).
 */
export const AUDIENCES = ["all", "missing-quiz", "missing-attendance"] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ZAnnouncement = z.strictObject({
  audience: z.enum(AUDIENCES),
  subject: z.string().trim().min(3, "subject").max(150, "subject"),
  body: z
    .string()
    .transform((b) => b.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(10, "body").max(5_000, "body")),
});
export type TAnnouncement = z.infer<typeof ZAnnouncement>;

/** A draft as typed: kept even when too short to send, so that nothing typed is lost; only the lengths are capped. */
export const ZAnnouncementDraft = z.strictObject({
  audience: z.enum(AUDIENCES).catch("all"),
  subject: z.string().trim().max(150, "subject"),
  body: z
    .string()
    .transform((b) => b.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(5_000, "body")),
});

export type TAnnouncementDraft = z.infer<typeof ZAnnouncementDraft>;

/** What stops a draft from being sent: the first field that is not ready, or null. */
export function draftProblem(draft: { audience: string; subject: string; body: string }): "subject" | "body" | null {
  const { audience, subject, body } = draft;
  const parsed = ZAnnouncement.safeParse({ audience, subject, body });
  if (parsed.success) return null;
  return parsed.error.issues[0]?.message === "body" ? "body" : "subject";
}

/** The active participants an announcement reaches, from each one's eligibility for the certificate. */
export function audienceOf(audience: Audience, eligibility: ReadonlyMap<string, Eligibility>): string[] {
  const ids: string[] = [];
  for (const [userId, { missing }] of eligibility) {
    if (
      audience === "all" ||
      (audience === "missing-quiz" && missing.some((m) => m.kind === "quiz")) ||
      (audience === "missing-attendance" && missing.some((m) => m.kind === "attendance"))
    )
      ids.push(userId);
  }
  return ids;
}

/** The body's paragraphs: text separated by blank lines, each line break inside kept. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export type TextPart = { text: string } | { url: string };

/**
 * A paragraph split into its text and the web addresses in it (http and https only), so that
 * a page can make each address a link. An address ends at a space, a quote or an angle
 * bracket; a full stop, comma, colon, semicolon, question or exclamation mark, or closing
 * bracket at its end is the sentence's, not the address's (one closing bracket stays when
 * the address opened one, as Wikipedia's do).
 */
export function linkParts(paragraph: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of paragraph.matchAll(/https?:\/\/[^\s<>"'“”‘’]+/giu)) {
    let url = match[0];
    for (;;) {
      const trimmed = url.replace(/[.,:;!?]+$/u, "");
      const closes = trimmed.endsWith(")") && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0);
      const next = closes ? trimmed.slice(0, -1) : trimmed;
      if (next === url) break;
      url = next;
    }
    if (!/^https?:\/\/[^/?#\s]+\.[^/?#\s]/iu.test(url)) continue;
    if (match.index > last) parts.push({ text: paragraph.slice(last, match.index) });
    parts.push({ url });
    last = match.index + url.length;
  }
  if (last < paragraph.length) parts.push({ text: paragraph.slice(last) });
  return parts;
}
