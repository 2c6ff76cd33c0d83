// `npm test`: lint and format checks, the type check and unit tests, then
// integration tests on a real PostgreSQL, then the production build in Chromium
// (end to end), then the attacks the app must withstand (security), then the start
// script itself, then the date-sensitive tests again with the clock moved ahead (clock).
// `npm test -- lint|unit|integration|e2e|security|system|clock` runs one stage.
// Without DATABASE_URL the run starts its own throwaway embedded PostgreSQL;
// with it, the run creates (and drops) its databases on that server.
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findChromium, INSTALL_HINT } from "../tests/support/browser.ts";
import { encodeClockShift } from "../tests/support/clock-shift.ts";
import { spawnAppServer } from "./lib/app-server.ts";
import { buildIsStale, prismaClientIsStale, recordBuildSettings } from "./lib/build.ts";
import { migrate, seed } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { ROOT } from "./lib/paths.ts";
import { adminUrlOf, databaseUrlOf, dropDatabase, ensureDatabase } from "./lib/pg-admin.ts";
import { startEmbeddedPostgres } from "./lib/postgres.ts";
import { run, stopChild } from "./lib/process.ts";
import { runPrisma } from "./lib/prisma-cli.ts";
import {
  type Counts,
  type Failure,
  formatFailures,
  type PlaywrightReport,
  playwrightCounts,
  playwrightFailures,
  type VitestReport,
  vitestCounts,
  vitestFailures,
} from "./lib/test-reports.ts";

const STAGES = ["lint", "unit", "integration", "e2e", "security", "system", "clock"] as const;
type Stage = (typeof STAGES)[number];
const args = process.argv.slice(2).filter((a) => a !== "--");
// `npm test -- e2e --grep DASHBOARD`: options after the stages go to the test runner.
const firstOption = args.findIndex((a) => a.startsWith("-"));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
const runnerArgs = firstOption === -1 ? [] : args.slice(firstOption);
const bad = wanted.find((s) => !STAGES.includes(s as Stage));
if (bad) {
  console.error(`Unknown stage "${bad}": use ${STAGES.join(", ")}`);
  process.exit(2);
}
const stages = (wanted.length ? wanted : STAGES) as readonly Stage[];
// The clock stage's inner run writes its reports beside the outer run's, not over them.
const RESULTS = process.env.TEST_RESULTS_DIR ?? path.join(ROOT, "test-results");
const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
// Named again after the totals, so that the end of a long run's output says what failed.
const failures: Failure[] = [];
// What did not pass, a line each, said again at the end of the output as the failed tests are.
const problems: string[] = [];

type Server = { adminUrl: string; stop(): Promise<void> };

async function openServer(): Promise<Server> {
  if (process.env.DATABASE_URL) return { adminUrl: adminUrlOf(process.env.DATABASE_URL), stop: async () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), "lms-test-"));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user when we are root
  // Port 0: any free port, another one if it is taken before PostgreSQL binds it.
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0, ephemeral: true });
  console.log(`Embedded PostgreSQL 17 for this run in ${dir}`);
  return {
    adminUrl: server.url("postgres"),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readReport<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

function add(counts: Counts, found: Failure[]) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  failures.push(...found);
}

function countVitest(file: string) {
  const report = readReport<VitestReport>(file);
  if (report) add(vitestCounts(report), vitestFailures(report, ROOT));
}

function countPlaywright(file: string) {
  const report = readReport<PlaywrightReport>(file);
  if (report) add(playwrightCounts(report), playwrightFailures(report));
}

async function vitest(project: string, extraEnv: Record<string, string> = {}) {
  console.log(`\n▶ ${project} tests`);
  const json = path.join(RESULTS, `${project}.json`);
  rmSync(json, { force: true });
  const code = await run(
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${json}`, ...runnerArgs],
    { ...env, ...extraEnv },
  );
  countVitest(json);
  if (code !== 0) problems.push(`${project} tests: Vitest exited with code ${code}`);
}

const PLAYWRIGHT_TITLES = {
  e2e: "end-to-end tests (Chromium, production build)",
  security: "security tests: attacks on the production build",
};

/**
 * A Playwright stage (tests/e2e or tests/security): a seeded database of its own and the
 * production server on it, on any free port (the server reports which).
 */
async function playwrightStage(stage: "e2e" | "security", databaseUrl: string) {
  await seed(databaseUrl);
  console.log(`\n▶ ${PLAYWRIGHT_TITLES[stage]}`);
  const json = path.join(RESULTS, `${stage}.json`);
  rmSync(json, { force: true });
  const stageEnv = { E2E_DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("base64url") };
  const app = spawnAppServer({
    port: 0,
    showOutput: false,
    // Two web processes whatever the machine's cores, so that every run goes through what
    // they share (the page caches' revalidation, the look-up limit).
    env: {
      ...env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: stageEnv.AUTH_SECRET,
      WEB_PROCESSES: process.env.WEB_PROCESSES ?? "2",
    },
  });
  let code: number;
  try {
    const port = await app.ready;
    code = await run(bin("playwright"), ["test", "--project", stage, ...runnerArgs], {
      ...env,
      ...stageEnv,
      E2E_PORT: String(port),
      PLAYWRIGHT_JSON: json,
    });
  } finally {
    await stopChild(app.child);
  }
  countPlaywright(json);
  if (code !== 0) problems.push(`${stage} tests: Playwright exited with code ${code}`);
}

/** Builds the production app when the build is missing or older than its sources. */
async function ensureBuild() {
  if (!buildIsStale()) return console.log("\n▶ production build is up to date");
  console.log("\n▶ production build");
  if ((await run(bin("next"), ["build"], env)) !== 0) throw new StartupError("The production build failed");
  recordBuildSettings();
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  if (stages.some((s) => s === "e2e" || s === "security") && !findChromium()) throw new StartupError(INSTALL_HINT);
  if (stages.includes("clock") && !onPath("faketime")) throw new StartupError(FAKETIME_HINT);
  if (prismaClientIsStale() && (await runPrisma(["generate"], { quiet: true })).code !== 0)
    throw new StartupError("prisma generate failed");

  if (stages.includes("lint")) {
    console.log("\n▶ lint (ESLint) and format (Prettier)");
    const eslint = await run(bin("eslint"), [".", "--max-warnings", "0"], env);
    const prettier = await run(bin("prettier"), ["--check", ".", "--log-level", "warn"], env);
    if (eslint !== 0 || prettier !== 0) {
      console.log("Lint or format problems: `npm run format` fixes what can be fixed automatically");
      problems.push(
        `lint and format: ${[eslint !== 0 && "ESLint", prettier !== 0 && "Prettier"].filter(Boolean).join(" and ")} found problems`,
      );
    } else console.log("Lint and format OK");
  }
  if (stages.includes("unit")) {
    console.log("\n▶ type check");
    // Next generates the route types (PageProps, LayoutProps) that tsc needs.
    if ((await run(bin("next"), ["typegen"], env)) !== 0 || (await run(bin("tsc"), ["--noEmit"], env)) !== 0)
      problems.push("type check: errors above");
    else console.log("Types OK");
    await vitest("unit");
  }
  const needsDb = stages.some((s) => s !== "unit" && s !== "lint" && s !== "clock");
  if (!needsDb) return;

  const server = await openServer();
  const runId = `lms_test_${randomBytes(4).toString("hex")}`;
  const template = `${runId}_template`;
  const created = [template];
  try {
    await ensureDatabase(server.adminUrl, template);
    await migrate(databaseUrlOf(server.adminUrl, template), { quiet: true });
    const dbEnv = { TEST_DATABASE_ADMIN_URL: server.adminUrl, TEST_DATABASE_TEMPLATE: template };

    if (stages.includes("integration")) await vitest("integration", dbEnv);

    if (stages.some((s) => s === "e2e" || s === "security" || s === "system")) await ensureBuild();

    for (const stage of ["e2e", "security"] as const) {
      if (!stages.includes(stage)) continue;
      const db = `${runId}_${stage}`;
      created.push(db);
      await ensureDatabase(server.adminUrl, db, template);
      await playwrightStage(stage, databaseUrlOf(server.adminUrl, db));
    }

    if (stages.includes("system")) await vitest("system", dbEnv);
  } finally {
    if (process.env.DATABASE_URL) for (const name of created) await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
  }
}

// The clock stage: the integration tests and the @clock end-to-end tests again, with the
// clock a year and a month ahead, so that a date written into a test, or a test that
// quietly relies on today's date, fails now rather than when that day has passed. This
// script runs itself under Debian's faketime (LD_PRELOAD, inherited through the
// environment): the test runners, the app server, Chromium and a PostgreSQL of its own all
// see the shifted clock (tests/e2e/clock.spec.ts checks that they agree). A server given by
// DATABASE_URL keeps the real clock, so this stage always starts its own embedded one.
// It runs every @clock test: runner options on the command line go to the other stages.
// FAKETIME_DONT_FAKE_MONOTONIC keeps timers running at the real pace; without
// FAKETIME_FORCE_MONOTONIC_FIX=0, Chromium's timed waits stall (a new page takes a minute
// or more to open).
const CLOCK_SHIFT_DAYS = 400;
const SCRIPT = path.join(ROOT, "scripts/test.ts");
const FAKETIME_HINT =
  "The clock stage needs faketime: install it (Debian/Ubuntu: sudo apt-get install -y faketime) or leave out the stage";

/**
 * libfaketime's absolute start, `days` after this process's now: "@YYYY-MM-DD HH:MM:SS" in
 * local time, as libfaketime reads it. Absolute rather than "+400d" (which counts from the
 * machine's real clock), so that the stage also moves the clock ahead of an `npm test`
 * that itself runs under faketime.
 */
function faketimeStart(days: number): string {
  // Rounded up to the whole second libfaketime reads: each process it starts begins at this
  // time, so rounding down would put a quick first test up to a second short of the shift.
  const at = new Date(Math.ceil((Date.now() + days * 24 * 60 * 60 * 1000) / 1000) * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  return `@${day} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function clock() {
  console.log(`\n▶ clock: integration and @clock end-to-end tests, the clock ${CLOCK_SHIFT_DAYS} days ahead`);
  await ensureBuild(); // on the real clock, so that the shifted run finds the build up to date
  const results = path.join(RESULTS, "clock");
  rmSync(results, { recursive: true, force: true });
  const shifted: NodeJS.ProcessEnv = {
    ...env,
    FAKETIME_DONT_FAKE_MONOTONIC: "1",
    FAKETIME_FORCE_MONOTONIC_FIX: "0",
    TEST_RESULTS_DIR: results,
    // The tests check that the shift took effect (tests/support/clock-shift.ts).
    TEST_CLOCK_SHIFT: encodeClockShift({ from: Date.now(), days: CLOCK_SHIFT_DAYS }),
    // libfaketime starts each process's clock at the stage's moment when that process
    // starts, so processes started apart disagree by as much; the check-in tests compare
    // codes made on the test's clock with the server's within seconds. One web process
    // here (the other stages run two).
    WEB_PROCESSES: "1",
  };
  delete shifted.DATABASE_URL; // its server would keep the real clock
  // Two runs: a runner option goes to every stage of a run, and --grep is Playwright's only.
  const shiftedRun = (...stageAndOptions: string[]) =>
    run(
      "faketime",
      ["-f", faketimeStart(CLOCK_SHIFT_DAYS), process.execPath, "--import", "tsx", SCRIPT, ...stageAndOptions],
      shifted,
    );
  const codes = [await shiftedRun("integration"), await shiftedRun("e2e", "--grep", "@clock")];
  countVitest(path.join(results, "integration.json"));
  countPlaywright(path.join(results, "e2e.json"));
  if (codes.some((code) => code !== 0))
    problems.push(`clock: its integration run exited with code ${codes[0]}, its @clock e2e run with ${codes[1]}`);
}

try {
  await main();
  if (stages.includes("clock")) await clock();
} catch (err) {
  console.error(err instanceof StartupError ? err.message : err);
  problems.push(`stopped: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
}
console.log(`\nAll stages (${stages.join(", ")}):`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
// A run that tested nothing is not a pass (the lint stage alone has no tests to count).
if (totals.passed === 0 && totals.failed === 0 && stages.some((s) => s !== "lint")) problems.push("no test ran");
if (failures.length)
  console.log(
    `\nWhat failed (the reports are in ${path.relative(ROOT, RESULTS) || "."}):\n${formatFailures(failures)}`,
  );
if (problems.length) console.log(`\nWhat did not pass:\n${problems.map((line) => `- ${line}`).join("\n")}`);
process.exit(problems.length || totals.failed ? 1 : 0);
