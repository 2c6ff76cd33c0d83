// An audit entry in words, the same on the audit page and in its CSV export: who acted,
// what they did (a sentence per kind of action) and what it was about.
import "server-only";
import { getLecture } from "@/lib/content";
import type { AuditPerson, AuditTarget, ResolvedAuditEntry } from "@/lib/db/audit-names";
import { auditMessageKey, auditMessageValues } from "@/lib/domain/audit";

/** The audit namespace's translator (next-intl's, narrowed to what is used here). */
export type AuditT = (key: string, values?: Record<string, string>) => string;

export type AuditText = {
  /** Who acted: a person's name, else an address the entry is about, else "(no one signed in)". */
  actor: string;
  actorEmail: string;
  /** What: a sentence. */
  what: string;
  /** On what: the record, named. */
  target: string;
};

const personText = (p: AuditPerson) => (p.name ? `${p.name} (${p.email})` : p.email);

/** The record an entry is about, in words; `when` writes a session's start in the viewer's zone. */
export function describeTarget(t: AuditT, target: AuditTarget | null, when: (d: Date) => string): string {
  if (!target) return "";
  const person = target.person ? personText(target.person) : "";
  const session = target.session
    ? t("target.session", {
        lecture: getLecture(target.session.lectureSlug)?.lecture.meta.title ?? target.session.lectureSlug,
        when: when(target.session.startsAt),
      })
    : "";
  switch (target.entity) {
    case "user":
    case "enrolment":
      if (person) return person;
      break;
    case "cohort":
    case "Cohort":
      if (target.cohort) return target.cohort.name;
      break;
    case "live_session":
      if (session) return session;
      break;
    case "attendance":
    case "excuse_request":
      if (person && session) return t("target.personAt", { person, session });
      break;
    case "Certificate":
      if (target.code) return t("target.certificate", { code: target.code, person: person || "?" });
      break;
    case "quiz_attempt":
      if (target.lectureSlug)
        return t("target.quiz", {
          lecture: getLecture(target.lectureSlug)?.lecture.meta.title ?? target.lectureSlug,
          person: person || "?",
        });
      break;
    case "roster_import":
      if (target.fileName) return t("target.import", { file: target.fileName });
      break;
    case "request":
      return t("target.request", { path: target.entityId });
  }
  return t("target.unknown", { entity: target.entity, id: target.entityId });
}

export function describeAuditEntry(t: AuditT, e: ResolvedAuditEntry, when: (d: Date) => string): AuditText {
  const target = describeTarget(t, e.target, when);
  const values = auditMessageValues(e, target || e.subject || "");
  return {
    actor: e.actor ? (e.actor.name ?? e.actor.email) : (e.subject ?? t("system")),
    actorEmail: e.actor?.email ?? "",
    what: t(`events.${auditMessageKey(e.action)}`, { ...values, action: e.action }),
    target,
  };
}
