// The role × route matrix's machinery: the list of pages, route handlers, JSON API routes
// and server actions read from the file tree (so that a new one appears here by itself),
// a static check that each server action authenticates before it touches the database,
// and the people and data the live requests are made with.
import { randomBytes, randomInt } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import ts from "typescript";
import {
  addAdmin,
  addOrganiser,
  addPerson,
  addSession,
  createCohort,
  enrol,
  openSession,
  uniqueEmail,
} from "../e2e/db";
import { lecture, query, startAttempt } from "./quiz-support";

const ROOT = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** A file's route as the app serves it: "app/[locale]/(personal)/admin/cohorts/[id]/page.tsx" → "/admin/cohorts/[id]". */
function routeOf(file: string, base: string, suffix: RegExp): string {
  const route = file
    .slice(base.length)
    .replace(suffix, "")
    .split("/")
    .filter((part) => part !== "[locale]" && !/^\(.*\)$/.test(part))
    .join("/");
  return route === "" ? "/" : route.startsWith("/") ? route : `/${route}`;
}

/** Every page (app/**\/page.tsx), route handler (app/**\/route.ts) and participant API route (lib/participant-api/router.ts). */
export function discoverRoutes() {
  const app = filesUnder("app");
  const pages = app.filter((f) => /\/page\.tsx$/.test(f)).map((f) => routeOf(f, "app", /\/?page\.tsx$/));
  const handlers = app
    .filter((f) => /\/route\.ts$/.test(f))
    .flatMap((f) => {
      const route = routeOf(f, "app", /\/route\.ts$/);
      const text = readFileSync(path.join(ROOT, f), "utf8");
      const methods = [
        ...text.matchAll(/export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
        ...text.matchAll(/export\s+const\s+\{([^}]*)\}/g),
        ...text.matchAll(/export\s+(?:const|let)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
      ].flatMap((m) =>
        m[1]!
          .split(",")
          .map((s) => s.trim())
          .filter((s) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(s)),
      );
      return methods.map((method) => `${method} ${route}`);
    });
  // The router's table, its ":id" parameters written as Next's "[id]".
  const router = readFileSync(path.join(ROOT, "lib/participant-api/router.ts"), "utf8");
  const api = [...router.matchAll(/^\s*"(\/api\/[^"]+)": \w+,$/gm)].map((m) => m[1]!.replace(/:(\w+)/g, "[$1]"));
  return { pages: pages.sort(), handlers: handlers.sort(), api: api.sort() };
}

/** The calls that establish who the caller is (lib/auth/session.ts). */
const GUARDS = new Set([
  "requireUser",
  "requireAdmin",
  "requireCohortManager",
  "requireStaff",
  "requireCompleteProfile",
]);

export type ServerAction = {
  /** "app/[locale]/(personal)/dashboard/actions.ts#claimCertificate" */
  id: string;
  /** The first guard called, in source order, or undefined. */
  guard: string | undefined;
  /** Whether something from lib/db (or getDb) is called before that guard. */
  databaseBeforeGuard: boolean;
};

const hasUseServer = (statements: ts.NodeArray<ts.Statement>) =>
  statements.some(
    (s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use server",
  );

/**
 * Every server action: each exported function of a file that starts with "use server", and
 * each function anywhere in app/ whose body starts with it. For each, the order of its
 * first auth guard and its first database call, read with the TypeScript compiler.
 */
export function discoverServerActions(): ServerAction[] {
  const files = filesUnder("app").filter((f) => /\.tsx?$/.test(f));
  const actions: ServerAction[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    if (!text.includes("use server")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    // What this file imports from lib/db: every name is a database call.
    const database = new Set<string>();
    for (const s of source.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
      if (!/^@\/lib\/db(\/|$)/.test(s.moduleSpecifier.text)) continue;
      const bindings = s.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) database.add(e.name.text);
    }
    const fileIsActions = hasUseServer(source.statements);
    const inspect = (name: string, body: ts.Node) => {
      let guard: string | undefined;
      let databaseBeforeGuard = false;
      const visit = (node: ts.Node) => {
        if (guard) return;
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          const callee = node.expression.text;
          // Arguments are evaluated before the call itself.
          ts.forEachChild(node, visit);
          if (guard) return;
          if (GUARDS.has(callee)) guard = callee;
          else if (database.has(callee)) databaseBeforeGuard = true;
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(body);
      actions.push({ id: `${file}#${name}`, guard, databaseBeforeGuard });
    };
    const walk = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) {
        const exported = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
        if ((fileIsActions && exported) || hasUseServer(node.body.statements)) inspect(node.name.text, node.body);
      }
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return actions.sort((a, b) => a.id.localeCompare(b.id));
}

export type Role = "anonymous" | "participantA" | "participantB" | "outsider" | "organiserA" | "organiserB" | "admin";
export const ROLES: Role[] = [
  "anonymous",
  "participantA",
  "participantB",
  "outsider",
  "organiserA",
  "organiserB",
  "admin",
];

/**
 * The data the matrix requests: cohort A with participant A (an attempt in progress, a
 * live session, a certificate), cohort B with participant B, someone signed in without a
 * place, an organiser of cohort A, an organiser of cohort B, and an admin. Two markers that
 * only A, A's organiser and the admin may ever see, and that no URL carries: A's name, and
 * cohort A's join link.
 */
export async function makeFixture(request: APIRequestContext) {
  const tag = randomBytes(4).toString("hex");
  const markers = { name: `Marker Person ${tag}`, joinUrl: `https://zoom.us/j/9${randomInt(1e8, 1e9)}` };
  const cohortA = await createCohort({ name: `Matrix A ${tag}` });
  const cohortB = await createCohort({ name: `Matrix B ${tag}` });
  const person = async (who: string, name: string, cohortId?: string) => {
    const email = uniqueEmail(who);
    const userId = await addPerson(email, { name, country: "PK" });
    if (cohortId) await enrol(email, cohortId);
    return { email, userId, token: await openSession(userId) };
  };
  const a = await person("matrix-a", markers.name, cohortA.id);
  const b = await person("matrix-b", "Other Participant", cohortB.id);
  const outsider = await person("matrix-out", "Not Enrolled");
  const organiser = async (who: string, cohortId: string) => {
    const userId = await addOrganiser(uniqueEmail(who), [cohortId]);
    return { userId, token: await openSession(userId) };
  };
  const organiserA = await organiser("matrix-org-a", cohortA.id);
  const organiserB = await organiser("matrix-org-b", cohortB.id);
  const adminId = await addAdmin(uniqueEmail("matrix-admin"));
  const admin = { userId: adminId, token: await openSession(adminId) };
  const now = Date.now();
  const sessionId = await addSession(cohortA.id, lecture.slug, new Date(now + 86_400_000), new Date(now + 90_000_000));
  await query(`UPDATE live_sessions SET join_url = $2 WHERE id = $1`, [sessionId, markers.joinUrl]);
  const attemptId = await startAttempt(request, cohortA.id, a.token);
  const certificateId = `c${randomBytes(8).toString("hex")}`;
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  const certificateCode = `ECOSF-99-${group()}-${group()}`;
  await query(
    `INSERT INTO certificates (id, code, user_id, cohort_id, name, status_index, credential)
     VALUES ($1, $2, $3, $4, 'Certified Name', $5, 'not-a-credential')`,
    [certificateId, certificateCode, a.userId, cohortA.id, randomInt(0, 131_072)],
  );
  return {
    markers,
    cohortA,
    cohortB,
    sessionId,
    attemptId,
    certificateId,
    certificateCode,
    tokens: {
      anonymous: undefined,
      participantA: a.token,
      participantB: b.token,
      outsider: outsider.token,
      organiserA: organiserA.token,
      organiserB: organiserB.token,
      admin: admin.token,
    } as Record<Role, string | undefined>,
    a,
  };
}
export type Fixture = Awaited<ReturnType<typeof makeFixture>>;

/** A server action of the production build: its id, file, exported name and the pages that carry it. */
export type BuiltAction = { id: string; file: string; name: string; pages: string[] };

/** The build's server actions (.next/server/server-reference-manifest.json), as Next serves them by id. */
export function builtServerActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, action]) => ({
    id,
    file: action.filename,
    name: action.exportedName,
    pages: Object.keys(action.workers).map((worker) => routeOf(worker, "app", /\/?page$/)),
  }));
}
