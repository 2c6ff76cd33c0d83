// The e-mail a participant may turn off, on their profile or with the one-click unsubscribe
// link such mail carries (RFC 8058). Mail that must reach them (sign-in, certificates, the
// organisers' decisions on their place or excuse) cannot be turned off. Pure.
import { z } from "zod";

export const OPTIONAL_MAIL_KINDS = ["reminder", "announcement"] as const;
export type OptionalMailKind = (typeof OPTIONAL_MAIL_KINDS)[number];
export const ZOptionalMailKind = z.enum(OPTIONAL_MAIL_KINDS);

/** Whether a person who turned off `optOuts` still gets mail of this kind. */
export function wantsMail(optOuts: readonly string[], kind: OptionalMailKind): boolean {
  return !optOuts.includes(kind);
}

/** The opt-outs after turning one kind off (or on again), in a stable order. */
export function withOptOut(optOuts: readonly string[], kind: OptionalMailKind, off: boolean): OptionalMailKind[] {
  return OPTIONAL_MAIL_KINDS.filter((k) => (k === kind ? off : optOuts.includes(k)));
}

/** The profile form's checkboxes (checked: the person wants that mail) as opt-outs. */
export function optOutsFromForm(wanted: ReadonlySet<string>): OptionalMailKind[] {
  return OPTIONAL_MAIL_KINDS.filter((k) => !wanted.has(k));
}
