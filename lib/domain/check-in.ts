// Why a check-in can be refused (lib/db/check-in.ts gives the reason, the check-in page and
// form each show its message). A plain module, not the form's client one, so that the page
// (a server component) reads the list itself rather than a reference to a client module.
export const CHECK_IN_REFUSALS = ["not-found", "closed", "wrong-code", "already-marked", "rate-limited"] as const;
export type CheckInRefusal = (typeof CHECK_IN_REFUSALS)[number];
