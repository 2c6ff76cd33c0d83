// The role × route matrix. The list of pages, route handlers, JSON API routes and server
// actions is read from the file tree; each must have an entry below, so that a new one
// without an authorization check fails this suite. Every page and route is then requested
// as seven people: anonymous, a participant of cohort A, a participant of cohort B,
// someone signed in without a place, an organiser of cohort A, an organiser of cohort B,
// and an admin; each must get what the table says, and no one but A, A's organiser and the
// admin may see A's data (two markers no URL carries: A's name and cohort A's join link).
import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  builtServerActions,
  discoverRoutes,
  discoverServerActions,
  makeFixture,
  ROLES,
  type Fixture,
  type Role,
} from "./matrix-support";
import { lecture, SITE_ORIGIN } from "./quiz-support";
import { DEMO_COHORT } from "../../lib/db/seed";

/** A status, a redirect to sign-in, or "any" answer below 500 (public endpoints whose answer depends on the input). */
type Outcome = number | "sign-in" | "any";
type Expected = Record<Role, Outcome>;

const PUBLIC: Expected = allOf(200);
const SIGNED_IN: Expected = { ...allOf(200), anonymous: "sign-in" };
/** A site-wide admin page: admins only, organisers included among the refused. */
const ADMIN_PAGE: Expected = { ...allOf(404), anonymous: "sign-in", admin: 200 };
/** An admin page for an id that does not exist: no one gets more than a 404. */
const ADMIN_PAGE_UNKNOWN: Expected = { ...ADMIN_PAGE, admin: 404 };
/** A page of cohort A's administration: admins and A's organiser. */
const COHORT_PAGE: Expected = { ...ADMIN_PAGE, organiserA: 200 };
/** A page that lists only what its reader manages: every admin and organiser. */
const STAFF_PAGE: Expected = { ...ADMIN_PAGE, organiserA: 200, organiserB: 200 };
const COHORT_A_ONLY: Expected = { ...allOf(404), anonymous: "sign-in", participantA: 200 };
const ADMIN_API: Expected = { ...allOf(404), anonymous: 401, admin: 200 };
/** An export or action of cohort A: admins and A's organiser. */
const COHORT_API: Expected = { ...ADMIN_API, organiserA: 200 };
/** A certificate of cohort A: its holder, A's organiser and admins. */
const OWNER_OR_ADMIN_API: Expected = { ...ADMIN_API, participantA: 200, organiserA: 200 };
/** One's own data, whoever one is: anyone signed in gets their own, and only their own. */
const OWN_API: Expected = { ...allOf(200), anonymous: 401 };
const ANY: Expected = Object.fromEntries(ROLES.map((role) => [role, "any"])) as Expected;

type Request = { method?: "GET" | "POST" | "PUT"; path: (f: Fixture) => string; body?: unknown };
type Entry = Request & { expected: Expected };

const NOPE = "zz-no-such-id";
const A = (f: Fixture) => f.cohortA.id;

/** Every page (app/**\/page.tsx), by its route. */
const PAGES: Record<string, Entry> = {
  "/": { path: () => "/", expected: PUBLIC },
  "/[...rest]": { path: () => "/no-such-page/here", expected: { ...PUBLIC, ...allOf(404) } },
  "/account": { path: () => "/account", expected: SIGNED_IN },
  "/account/security": { path: () => "/account/security", expected: ADMIN_PAGE },
  "/admin/audit": { path: () => "/admin/audit", expected: ADMIN_PAGE },
  "/admin/cohorts": { path: () => "/admin/cohorts", expected: STAFF_PAGE },
  "/admin/cohorts/new": { path: () => "/admin/cohorts/new", expected: ADMIN_PAGE },
  "/admin/cohorts/[id]": { path: (f) => `/admin/cohorts/${A(f)}`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/announcements": { path: (f) => `/admin/cohorts/${A(f)}/announcements`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/attendance": { path: (f) => `/admin/cohorts/${A(f)}/attendance`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/certificates": { path: (f) => `/admin/cohorts/${A(f)}/certificates`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/quizzes/[slug]/questions/[questionId]": {
    path: (f) => `/admin/cohorts/${A(f)}/quizzes/${lecture.slug}/questions/${lecture.quiz.questions[0]!.id}`,
    expected: ADMIN_PAGE,
  },
  "/admin/cohorts/[id]/certificates/template": {
    path: (f) => `/admin/cohorts/${A(f)}/certificates/template`,
    expected: COHORT_PAGE,
  },
  "/admin/cohorts/[id]/import": { path: (f) => `/admin/cohorts/${A(f)}/import`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/import/[importId]": {
    path: (f) => `/admin/cohorts/${A(f)}/import/${NOPE}`,
    expected: ADMIN_PAGE_UNKNOWN,
  },
  "/admin/cohorts/[id]/inbox": { path: (f) => `/admin/cohorts/${A(f)}/inbox`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/participants": { path: (f) => `/admin/cohorts/${A(f)}/participants`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/quizzes": { path: (f) => `/admin/cohorts/${A(f)}/quizzes`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/report": { path: (f) => `/admin/cohorts/${A(f)}/report`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/sessions": { path: (f) => `/admin/cohorts/${A(f)}/sessions`, expected: COHORT_PAGE },
  "/admin/cohorts/[id]/sessions/[sessionId]": {
    path: (f) => `/admin/cohorts/${A(f)}/sessions/${f.sessionId}`,
    expected: COHORT_PAGE,
  },
  "/admin/cohorts/[id]/sessions/[sessionId]/attendance": {
    path: (f) => `/admin/cohorts/${A(f)}/sessions/${f.sessionId}/attendance`,
    expected: COHORT_PAGE,
  },
  "/admin/cohorts/[id]/sessions/[sessionId]/check-in": {
    path: (f) => `/admin/cohorts/${A(f)}/sessions/${f.sessionId}/check-in`,
    expected: COHORT_PAGE,
  },
  "/admin/cohorts/[id]/sessions/[sessionId]/zoom/[importId]": {
    path: (f) => `/admin/cohorts/${A(f)}/sessions/${f.sessionId}/zoom/${NOPE}`,
    expected: ADMIN_PAGE_UNKNOWN,
  },
  "/admin/outbox": { path: () => "/admin/outbox", expected: ADMIN_PAGE },
  "/admin/outbox/[id]": { path: () => `/admin/outbox/${NOPE}`, expected: ADMIN_PAGE_UNKNOWN },
  "/admin/people": { path: () => "/admin/people", expected: ADMIN_PAGE },
  "/admin/report": { path: () => "/admin/report", expected: ADMIN_PAGE },
  "/admin/people/[id]": { path: () => `/admin/people/${NOPE}`, expected: ADMIN_PAGE_UNKNOWN },
  // Check-in is for anyone signed in: the code, not the page, decides.
  "/check-in/[sessionId]": { path: (f) => `/check-in/${f.sessionId}`, expected: SIGNED_IN },
  "/course/[cohortId]/lectures/[slug]": {
    path: (f) => `/course/${A(f)}/lectures/${lecture.slug}`,
    expected: COHORT_A_ONLY,
  },
  "/course/[cohortId]/quiz/[slug]": { path: (f) => `/course/${A(f)}/quiz/${lecture.slug}`, expected: COHORT_A_ONLY },
  "/course/[cohortId]/quiz/[slug]/attempt/[attemptId]": {
    path: (f) => `/course/${A(f)}/quiz/${lecture.slug}/attempt/${f.attemptId}`,
    expected: COHORT_A_ONLY,
  },
  "/course/[cohortId]/sessions/[sessionId]/excuse": {
    path: (f) => `/course/${A(f)}/sessions/${f.sessionId}/excuse`,
    expected: COHORT_A_ONLY,
  },
  "/dashboard": { path: () => "/dashboard", expected: SIGNED_IN },
  "/enrol/[code]": { path: (f) => `/enrol/${f.cohortA.inviteCode}`, expected: PUBLIC },
  // An open cohort's own page (the seeded demo cohort): the same to everyone but its button.
  "/cohorts/[slug]": { path: () => `/cohorts/${DEMO_COHORT.slug}`, expected: PUBLIC },
  "/help": { path: () => "/help", expected: PUBLIC },
  "/lectures": { path: () => "/lectures", expected: PUBLIC },
  "/lectures/[slug]": { path: () => `/lectures/${lecture.slug}`, expected: PUBLIC },
  "/profile": { path: () => "/profile", expected: SIGNED_IN },
  // Someone already signed in is sent on from the sign-in page.
  "/sign-in": {
    path: () => "/sign-in",
    expected: { ...allOf(307), anonymous: 200 },
  },
  "/sign-in/check-email": { path: () => "/sign-in/check-email", expected: PUBLIC },
  // The passkey step: for a session that does not need it, a redirect on to where it was headed.
  "/sign-in/passkey": {
    path: () => "/sign-in/passkey",
    expected: { ...allOf(307), anonymous: "sign-in" },
  },
  // An unsubscribe link's page: open to anyone, since the link's signature is the authority; without one it says so.
  "/unsubscribe": { path: () => "/unsubscribe", expected: PUBLIC },
  "/verify": { path: () => "/verify", expected: PUBLIC },
  "/verify/[code]": { path: (f) => `/verify/${f.certificateCode}`, expected: PUBLIC },
};

/** Every route handler (app/**\/route.ts), by method and route. */
const HANDLERS: Record<string, Entry> = {
  // The "download my data" file: the caller's own rows only, so B's and the outsider's show none of A's.
  "GET /api/account/data": { path: () => "/api/account/data", expected: OWN_API },
  "GET /api/admin/audit.csv": { path: () => "/api/admin/audit.csv", expected: ADMIN_API },
  "GET /api/admin/cohorts/[id]/attendance.csv": {
    path: (f) => `/api/admin/cohorts/${A(f)}/attendance.csv`,
    expected: COHORT_API,
  },
  "GET /api/admin/cohorts/[id]/certificate-template/preview.pdf": {
    path: (f) => `/api/admin/cohorts/${A(f)}/certificate-template/preview.pdf`,
    expected: COHORT_API,
  },
  // Without the template form the admin is told so (400), never a 500.
  "POST /api/admin/cohorts/[id]/certificate-template/preview.pdf": {
    method: "POST",
    path: (f) => `/api/admin/cohorts/${A(f)}/certificate-template/preview.pdf`,
    expected: { ...COHORT_API, organiserA: 400, admin: 400 },
  },
  // No image of that id in cohort A's templates: a 404 for those who manage A too; the others' is the same as for any id.
  "GET /api/admin/cohorts/[id]/certificate-images/[imageId]": {
    path: (f) => `/api/admin/cohorts/${A(f)}/certificate-images/${NOPE}`,
    expected: { ...COHORT_API, organiserA: 404, admin: 404 },
  },
  "GET /api/admin/cohorts/[id]/certificates.zip": {
    path: (f) => `/api/admin/cohorts/${A(f)}/certificates.zip`,
    expected: COHORT_API,
  },
  "POST /api/admin/cohorts/[id]/certificates/issue": {
    method: "POST",
    path: (f) => `/api/admin/cohorts/${A(f)}/certificates/issue`,
    expected: COHORT_API,
  },
  "GET /api/admin/cohorts/[id]/participants.csv": {
    path: (f) => `/api/admin/cohorts/${A(f)}/participants.csv`,
    expected: COHORT_API,
  },
  "GET /api/admin/cohorts/[id]/report.pdf": {
    path: (f) => `/api/admin/cohorts/${A(f)}/report.pdf`,
    expected: COHORT_API,
  },
  "GET /api/admin/cohorts/[id]/report.xlsx": {
    path: (f) => `/api/admin/cohorts/${A(f)}/report.xlsx`,
    expected: COHORT_API,
  },
  "GET /api/admin/quizzes/[slug]/quiz.yaml": {
    path: () => `/api/admin/quizzes/${lecture.slug}/quiz.yaml`,
    expected: ADMIN_API,
  },
  "GET /api/admin/cohorts/[id]/quizzes/[slug]/results.csv": {
    path: (f) => `/api/admin/cohorts/${A(f)}/quizzes/${lecture.slug}/results.csv`,
    expected: COHORT_API,
  },
  // Of Auth.js's own endpoints only the link's callback and the session read are open.
  "GET /api/auth/[...nextauth]": { path: () => "/api/auth/session", expected: PUBLIC },
  "POST /api/auth/[...nextauth]": { method: "POST", path: () => "/api/auth/signout", expected: allOf(404) },
  "GET /api/certificates/[id]/credential": {
    path: (f) => `/api/certificates/${f.certificateId}/credential`,
    expected: OWNER_OR_ADMIN_API,
  },
  "GET /api/certificates/[id]/pdf": {
    path: (f) => `/api/certificates/${f.certificateId}/pdf`,
    expected: OWNER_OR_ADMIN_API,
  },
  "GET /api/cohorts/[id]/schedule.ics": {
    path: (f) => `/api/cohorts/${A(f)}/schedule.ics`,
    expected: { ...allOf(404), anonymous: 401, participantA: 200 },
  },
  "GET /api/credentials/issuer": { path: () => "/api/credentials/issuer", expected: PUBLIC },
  "GET /api/credentials/jwks": { path: () => "/api/credentials/jwks", expected: PUBLIC },
  "GET /api/credentials/status/[list]": { path: () => "/api/credentials/status/1", expected: PUBLIC },
  "POST /api/credentials/verify": { method: "POST", path: () => "/api/credentials/verify", body: "x", expected: ANY },
  "GET /api/health": { path: () => "/api/health", expected: PUBLIC },
  // A lecture's printable reading, as public as the lecture page: an address without the
  // content version is sent to the current one, for everybody alike.
  "GET /api/lectures/[slug]/pdf": { path: () => `/api/lectures/${lecture.slug}/pdf`, expected: allOf(307) },
  // The sign-in code form: public by design; an empty form is invalid input.
  "GET /api/sign-in/code": { path: () => "/api/sign-in/code", expected: allOf(405) },
  "POST /api/sign-in/code": { method: "POST", path: () => "/api/sign-in/code", body: "x", expected: ANY },
  // One-click unsubscribe (RFC 8058): a mail client posts from anywhere; a link without a valid signature is refused.
  "POST /api/unsubscribe": { method: "POST", path: () => "/api/unsubscribe?u=x&k=reminder&t=x", expected: allOf(400) },
};

/** Every participant API route (lib/participant-api/router.ts): requests that would change nothing even if allowed. */
const API: Record<string, Entry> = {
  "/api/attempts/[id]/answers": {
    method: "PUT",
    path: (f) => `/api/attempts/${f.attemptId}/answers`,
    body: { questionId: "no-such-question", response: { type: "single", optionId: "x" } },
    expected: { ...allOf(404), anonymous: 401, participantA: 400 },
  },
  "/api/attempts/[id]/submit": {
    method: "POST",
    path: (f) => `/api/attempts/${f.attemptId}/submit`,
    body: { answers: { "no-such-question": { type: "single", optionId: "x" } } },
    expected: { ...allOf(404), anonymous: 401, participantA: 400 },
  },
  "/api/cohorts/[id]/quizzes/[slug]/attempts": {
    method: "POST",
    path: (f) => `/api/cohorts/${A(f)}/quizzes/${lecture.slug}/attempts`,
    expected: { ...allOf(404), anonymous: 401, participantA: 200 },
  },
  // Cohort A's session has no check-in open: its participant is told so, everyone else finds no session.
  "/api/sessions/[id]/check-in": {
    method: "POST",
    path: (f) => `/api/sessions/${f.sessionId}/check-in`,
    body: { code: "000000" },
    expected: { ...allOf(404), anonymous: 401, participantA: 409 },
  },
};

/**
 * Every server action and who may call it: "admin" (requireAdmin before any database
 * call), "cohort" (requireCohortManager, for the cohort the form names, before any database
 * call: admins and that cohort's organisers), "user" (a signed-in guard before any database
 * call), or "public" (by design: signing in and out, verifying a certificate code). Creating
 * a cohort (saveCohort without an id) is an admin's: that action's second guard.
 */
const ACTIONS: Record<string, "admin" | "cohort" | "user" | "public"> = {
  "app/[locale]/(personal)/account/actions.ts#endSession": "user",
  "app/[locale]/(personal)/account/page.tsx#signOutAction": "public",
  "app/[locale]/(personal)/account/security/actions.ts#beginPasskeyRegistration": "admin",
  "app/[locale]/(personal)/account/security/actions.ts#beginRemovalCheck": "admin",
  "app/[locale]/(personal)/account/security/actions.ts#finishPasskeyRegistration": "admin",
  "app/[locale]/(personal)/account/security/actions.ts#removePasskeyAction": "admin",
  "app/[locale]/(personal)/account/security/actions.ts#renamePasskeyAction": "admin",
  "app/[locale]/(personal)/admin/cohorts/[id]/announcements/actions.ts#discardAnnouncementDraftAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/announcements/actions.ts#saveAnnouncementDraftAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/announcements/actions.ts#sendAnnouncementAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/attendance/actions.ts#saveAttendanceSettingsAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions.ts#issueAfterRevocationAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions.ts#issueDueCertificatesAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions.ts#reissueCertificateAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions.ts#revokeCertificateAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/actions.ts#saveCertificateRuleAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/certificates/template/actions.ts#saveCertificateTemplateAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/import/actions.ts#confirmRoster": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/import/actions.ts#uploadRoster": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/inbox/actions.ts#decideEnrolmentRequests": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/inbox/actions.ts#decideExcuseRequests": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/participants/actions.ts#changeEnrolmentAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/quizzes/[slug]/questions/[questionId]/actions.ts#correctQuestionAction":
    "admin",
  "app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions.ts#regradeAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions.ts#removeQuizOverrideAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions.ts#saveQuizOverrideAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/quizzes/actions.ts#saveQuizRulesAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/attendance/actions.ts#checkInAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/attendance/actions.ts#decideExcuseAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/attendance/actions.ts#saveAttendance": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/zoom/actions.ts#applyZoomReport": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/zoom/actions.ts#forgetZoomNameAction": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/[sessionId]/zoom/actions.ts#uploadZoomReport": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/actions.ts#removeSession": "cohort",
  "app/[locale]/(personal)/admin/cohorts/[id]/sessions/actions.ts#saveSession": "cohort",
  "app/[locale]/(personal)/admin/cohorts/actions.ts#archiveCohort": "cohort",
  "app/[locale]/(personal)/admin/cohorts/actions.ts#assignOrganiserAction": "admin",
  "app/[locale]/(personal)/admin/cohorts/actions.ts#removeOrganiserAction": "admin",
  "app/[locale]/(personal)/admin/cohorts/actions.ts#rotateInvite": "cohort",
  "app/[locale]/(personal)/admin/cohorts/actions.ts#saveCohort": "cohort",
  "app/[locale]/(personal)/admin/outbox/actions.ts#retryJobAction": "admin",
  "app/[locale]/(personal)/admin/people/actions.ts#endAllSessions": "admin",
  "app/[locale]/(personal)/admin/people/actions.ts#erase": "admin",
  "app/[locale]/(personal)/admin/people/actions.ts#savePersonProfile": "admin",
  "app/[locale]/(personal)/admin/people/actions.ts#setRole": "admin",
  "app/[locale]/(personal)/check-in/[sessionId]/actions.ts#checkInSelf": "user",
  "app/[locale]/(personal)/course/[cohortId]/lectures/[slug]/actions.ts#markLectureStudied": "user",
  "app/[locale]/(personal)/course/[cohortId]/quiz/[slug]/actions.ts#startQuiz": "user",
  "app/[locale]/(personal)/course/[cohortId]/quiz/[slug]/actions.ts#submitQuiz": "user",
  "app/[locale]/(personal)/course/[cohortId]/sessions/[sessionId]/excuse/actions.ts#askExcuseAction": "user",
  "app/[locale]/(personal)/dashboard/actions.ts#claimCertificate": "user",
  "app/[locale]/(personal)/cohorts/[slug]/actions.ts#enrolInListedCohort": "user",
  "app/[locale]/(personal)/enrol/[code]/actions.ts#enrol": "user",
  "app/[locale]/(personal)/profile/actions.ts#saveMailPreferencesAction": "user",
  "app/[locale]/(personal)/profile/actions.ts#saveProfile": "user",
  "app/[locale]/(personal)/sign-in/actions.ts#requestSignIn": "public",
  "app/[locale]/(personal)/sign-in/passkey/actions.ts#beginPasskeyCheck": "user",
  "app/[locale]/(personal)/sign-in/passkey/actions.ts#finishPasskeyCheck": "user",
  // Acts only for the person an unsubscribe link's signature names.
  "app/[locale]/(personal)/unsubscribe/actions.ts#unsubscribeAction": "public",
  "app/[locale]/(public)/verify/actions.ts#verifyCodeAction": "public",
};

function allOf(status: number): Expected {
  return Object.fromEntries(ROLES.map((role) => [role, status])) as Expected;
}

test("[SECURITY][MATRIX]: every page, route handler, JSON API route and server action has an entry in the matrix", () => {
  const found = discoverRoutes();
  expect(found.pages).toEqual(Object.keys(PAGES).sort());
  expect(found.handlers).toEqual(Object.keys(HANDLERS).sort());
  expect(found.api).toEqual(Object.keys(API).sort());
  expect(discoverServerActions().map((a) => a.id)).toEqual(Object.keys(ACTIONS).sort());
});

test("[SECURITY][MATRIX]: every server action that is not public calls its auth guard before any database call", () => {
  const wrong = discoverServerActions().flatMap((action) => {
    // An action the table does not know yet must at least be signed-in only.
    const wanted = ACTIONS[action.id] ?? "user";
    if (wanted === "public") return [];
    const guarded =
      wanted === "admin"
        ? action.guard === "requireAdmin"
        : wanted === "cohort"
          ? action.guard === "requireCohortManager"
          : action.guard !== undefined;
    return guarded && !action.databaseBeforeGuard
      ? []
      : [`${action.id}: ${action.guard ?? "no guard"}${action.databaseBeforeGuard ? ", after a database call" : ""}`];
  });
  expect(wrong).toEqual([]);
});

async function outcomeOf(request: APIRequestContext, entry: Request, f: Fixture, role: Role) {
  const headers: Record<string, string> = {};
  const token = f.tokens[role];
  if (token) headers.Cookie = `authjs.session-token=${token}`;
  const method = entry.method ?? "GET";
  if (method !== "GET") headers.Origin = SITE_ORIGIN;
  if (entry.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await request.fetch(entry.path(f), {
    method,
    headers,
    data:
      entry.body === undefined ? undefined : typeof entry.body === "string" ? entry.body : JSON.stringify(entry.body),
    maxRedirects: 0,
  });
  const status = response.status();
  const location = response.headers().location ?? "";
  const body = (await response.body()).toString("latin1");
  const outcome: Outcome = status >= 300 && status < 400 && /\/sign-in(\?|$)/.test(location) ? "sign-in" : status;
  return { outcome, body };
}

for (const role of ROLES) {
  test(`[SECURITY][MATRIX]: as ${role}, every page and route answers as the matrix says, and shows none of participant A's data unless allowed`, async ({
    request,
  }) => {
    const f = await makeFixture(request);
    const maySee = role === "participantA" || role === "organiserA" || role === "admin";
    const mismatches: string[] = [];
    const leaks: string[] = [];
    const seen = new Set<string>();
    for (const [name, entry] of [...Object.entries(PAGES), ...Object.entries(HANDLERS), ...Object.entries(API)]) {
      const { outcome, body } = await outcomeOf(request, entry, f, role);
      const wanted = entry.expected[role];
      const fits = wanted === "any" ? outcome === "sign-in" || outcome < 500 : outcome === wanted;
      if (!fits) mismatches.push(`${name}: ${outcome}, expected ${wanted}`);
      for (const marker of [f.markers.name, f.markers.joinUrl]) {
        if (!body.includes(marker)) continue;
        if (maySee) seen.add(marker);
        else leaks.push(`${name}: shows ${marker}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(leaks).toEqual([]);
    // The markers do show where they may: the admin's and A's organiser's pages carry both, so their absence elsewhere means something.
    if (role === "admin" || role === "organiserA")
      expect([...seen].sort()).toEqual([f.markers.name, f.markers.joinUrl].sort());
  });
}

/** A page that carries the action, with the fixture's ids in its dynamic segments. */
function pageOf(route: string, f: Fixture): string {
  const ids: Record<string, string> = {
    id: f.cohortA.id,
    cohortId: f.cohortA.id,
    sessionId: f.sessionId,
    slug: lecture.slug,
    attemptId: f.attemptId,
    code: f.cohortA.inviteCode,
    importId: NOPE,
  };
  return route.replace(/\[(\w+)\]/g, (_, name: string) => ids[name] ?? NOPE);
}

test("[SECURITY][MATRIX]: every server action of the build, posted by its id, sends anonymous callers to sign in, refuses admin actions to participants and organisers, and cohort A's actions to everyone but A's organiser and admins", async ({
  request,
}) => {
  const f = await makeFixture(request);
  const built = builtServerActions();
  expect(built.length).toBe(Object.keys(ACTIONS).length);
  const wrong: string[] = [];
  for (const action of built) {
    // An inline action ("use server" inside a function) is named by the build, not by its function.
    const key = Object.keys(ACTIONS).find(
      (k) => k === `${action.file}#${action.name}` || (action.name.startsWith("$$") && k.startsWith(`${action.file}#`)),
    );
    const kind = key ? ACTIONS[key] : undefined;
    if (kind === undefined) {
      wrong.push(`${action.file}#${action.name}: not in the matrix`);
      continue;
    }
    if (kind === "public") continue;
    const cases: [Role, Outcome][] = [["anonymous", "sign-in"]];
    if (kind === "admin") cases.push(["participantB", 404], ["outsider", 404], ["organiserA", 404]);
    if (kind === "cohort") cases.push(["participantB", 404], ["outsider", 404], ["organiserB", 404]);
    for (const [role, wanted] of cases) {
      const token = f.tokens[role];
      const response = await request.post(pageOf(action.pages[0]!, f), {
        headers: { Origin: SITE_ORIGIN, ...(token ? { Cookie: `authjs.session-token=${token}` } : {}) },
        // A form posted without JavaScript: Next calls the action named by the field.
        // Well-formed ids, so that the action goes past its input checks to its guard.
        multipart: {
          [`$ACTION_ID_${action.id}`]: "",
          cohortId: f.cohortA.id,
          // The cohort's own actions (settings, archive, invite link) name it `id`.
          id: f.cohortA.id,
          sessionId: f.sessionId,
          slug: lecture.slug,
          attemptId: f.attemptId,
        },
        maxRedirects: 0,
      });
      const status = response.status();
      const location = response.headers().location ?? "";
      const outcome = status >= 300 && status < 400 && /\/sign-in(\?|$)/.test(location) ? "sign-in" : status;
      if (outcome !== wanted) wrong.push(`${key} as ${role}: ${outcome}, expected ${wanted}`);
    }
  }
  expect(wrong).toEqual([]);
});
