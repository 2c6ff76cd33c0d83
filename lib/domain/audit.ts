// Reading the audit log: what an entry says in words, what it changed, which part of the
// log a query asks for, and where a page of it starts. Pure.
import { zonedInputToUtc } from "./time";

/**
 * The kinds of entries the app records, each with its sentence (messages: Audit.events.<key>,
 * the action with its dots as underscores). An action not listed reads as the generic sentence.
 */
export const AUDIT_ACTIONS = [
  "account.data_exported",
  "announcement.sent",
  "attendance.check_in",
  "attendance.mark",
  "attendance.settings_update",
  "attendance.zoom",
  "attendance.zoom_name",
  "attendance.zoom_name_forget",
  "auth.code_locked",
  "auth.passkey_failed",
  "auth.passkey_registered",
  "auth.passkey_removed",
  "auth.passkey_renamed",
  "auth.passkey_verified",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_rate_limited",
  "auth.sign_in_requested",
  "auth.sign_out",
  "certificate.exported",
  "certificate.issued",
  "certificate.issued_after_revocation",
  "certificate.key_rotated",
  "certificate.key_withdrawn",
  "certificate.reissued",
  "certificate.revoked",
  "certificate.rule_changed",
  "certificate.template_saved",
  "cohort.archive",
  "cohort.create",
  "cohort.invite_rotate",
  "cohort.organiser_assigned",
  "cohort.organiser_removed",
  "cohort.unarchive",
  "cohort.update",
  "enrolment.approve",
  "enrolment.create",
  "enrolment.import",
  "enrolment.move",
  "enrolment.reject",
  "enrolment.withdraw",
  "enrolment.reinstate",
  "excuse.approve",
  "excuse.reject",
  "excuse.request",
  "job.retried",
  "profile.mail_preferences",
  "profile.update",
  "quiz.override_remove",
  "quiz.override_set",
  "quiz.question_corrected",
  "quiz.regrade",
  "quiz.rules_update",
  "roster.import",
  "security.refused",
  "session.check_in_close",
  "session.check_in_open",
  "session.create",
  "session.delete",
  "session.ended",
  "session.update",
  "user.erased",
  "user.import_fill",
  "user.profile_edited",
  "user.role_changed",
  "user.roster_update",
  "user.sessions_ended",
] as const;

const KNOWN = new Set<string>(AUDIT_ACTIONS);

/** The message key of an action's sentence under Audit.events; "unknown" for an action without one. */
export function auditMessageKey(action: string): string {
  return KNOWN.has(action) ? action.replaceAll(".", "_") : "unknown";
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as one line of text: strings as they are, anything else as JSON, absent as "". */
export function auditValueText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The values an action's sentence may use; every one is a string, "" when the entry has none. */
export function auditMessageValues(entry: { before: unknown; after: unknown }, target: string) {
  const after = isObject(entry.after) ? entry.after : {};
  const count = after.count ?? after.ended ?? after.created;
  return {
    target,
    reason: auditValueText(after.reason),
    role: auditValueText(after.role),
    status: auditValueText(after.status),
    count: auditValueText(count),
  };
}

export type FieldChange = { field: string; before: string; after: string };

/**
 * The fields an entry changed, by name, with their values as text. Fields with equal values are
 * left out; a field only before or only after shows "" on the other side. A before or after that
 * is not an object is one change of the field "value".
 */
export function diffAuditJson(before: unknown, after: unknown): FieldChange[] {
  if (before == null && after == null) return [];
  if ((before != null && !isObject(before)) || (after != null && !isObject(after))) {
    const [b, a] = [auditValueText(before), auditValueText(after)];
    return b === a ? [] : [{ field: "value", before: b, after: a }];
  }
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .filter((f) => JSON.stringify(from[f] ?? null) !== JSON.stringify(to[f] ?? null))
    .map((f) => ({ field: f, before: auditValueText(from[f]), after: auditValueText(to[f]) }));
}

/** The instants a from/to pair of calendar days covers on the viewer's clocks: from's midnight up to the midnight after to. */
export function auditDateRange(range: { from?: string; to?: string }, timeZone: string): { gte?: Date; lt?: Date } {
  const out: { gte?: Date; lt?: Date } = {};
  if (range.from) out.gte = zonedInputToUtc(`${range.from}T00:00`, timeZone);
  if (range.to) {
    const next = new Date(`${range.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    out.lt = zonedInputToUtc(`${next.toISOString().slice(0, 10)}T00:00`, timeZone);
  }
  return out;
}

/** A position in the log, newest first: the time and id of an entry, since several may share a millisecond. */
export type AuditCursor = { at: Date; id: string };

/** "2026-12-03T06:02:00.000Z_<id>": readable in an address, and sorts as the log does. */
export function formatAuditCursor(c: AuditCursor): string {
  return `${c.at.toISOString()}_${c.id}`;
}

export function parseAuditCursor(text: string | undefined): AuditCursor | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([A-Za-z0-9-]{1,64})$/.exec(text ?? "");
  if (!m) return null;
  const at = new Date(m[1]!);
  return Number.isNaN(at.getTime()) || at.toISOString() !== m[1] ? null : { at, id: m[2]! };
}
