// What `npm test` reads from the test runners' JSON reports: the counts it adds up, and
// the failed tests it names again at the end of its output, so that the last lines of a
// long run (all that a CI log may keep) say which test failed and why.

export type Counts = { passed: number; failed: number; skipped: number };
export type Failure = { title: string; where: string; message: string };

/** The part of Vitest's JSON report read here. */
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults: {
      fullName: string;
      status: string;
      failureMessages?: string[] | null;
      location?: { line: number } | null;
    }[];
  }[];
};

type PlaywrightSuite = {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { projectName: string; status: string; results: { errors?: { message?: string }[] }[] }[];
  }[];
};

/** The part of Playwright's JSON report read here. */
export type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
  errors?: { message?: string }[];
};

const MESSAGE_LINES = 6;

/** A stack frame of the test runner or of Node.js, not of the project's code. */
const runnerFrame = /^\s*at .*(node_modules\/|node:internal|<anonymous>)/;

/** The first lines of an error message, without colour codes or the runners' stack frames. */
export function shortMessage(message: string | undefined): string {
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const lines = plain.split("\n").filter((line) => line.trim() !== "" && !runnerFrame.test(line));
  const kept = lines.slice(0, MESSAGE_LINES);
  if (lines.length > MESSAGE_LINES) kept.push(`… (${lines.length - MESSAGE_LINES} more lines in the report)`);
  return kept.join("\n");
}

export function vitestCounts(report: VitestReport): Counts {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** Failed tests, and test files that failed without a failed test (one that did not load). */
export function vitestFailures(report: VitestReport, root: string): Failure[] {
  const failures: Failure[] = [];
  for (const file of report.testResults ?? []) {
    const relative = file.name.startsWith(`${root}/`) ? file.name.slice(root.length + 1) : file.name;
    const failed = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failed)
      failures.push({
        title: test.fullName,
        where: test.location ? `${relative}:${test.location.line}` : relative,
        message: shortMessage(test.failureMessages?.join("\n")),
      });
    if (file.status === "failed" && failed.length === 0)
      failures.push({ title: "(the file itself)", where: relative, message: shortMessage(file.message) });
  }
  return failures;
}

export function playwrightCounts(report: PlaywrightReport): Counts {
  const { stats } = report;
  // A test that failed and then passed on a retry counts as passed (no retries are set).
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

/** Tests whose outcome was not the expected one, and errors outside any test. */
export function playwrightFailures(report: PlaywrightReport): Failure[] {
  const failures: Failure[] = [];
  // A file's suite is named after the file; the suites inside it are test.describe groups.
  const walk = (suite: PlaywrightSuite, groups: string[]) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests.filter((t) => t.status === "unexpected")) {
        const last = test.results.at(-1);
        failures.push({
          title: `[${test.projectName}] ${[...groups, spec.title].join(" › ")}`,
          where: `${spec.file}:${spec.line}`,
          message: shortMessage(last?.errors?.map((e) => e.message ?? "").join("\n")),
        });
      }
    for (const child of suite.suites ?? []) walk(child, [...groups, child.title]);
  };
  for (const file of report.suites ?? []) walk(file, []);
  for (const error of report.errors ?? [])
    failures.push({ title: "(outside any test)", where: "", message: shortMessage(error.message) });
  return failures;
}

/** The failures as `npm test` prints them last. */
export function formatFailures(failures: readonly Failure[]): string {
  return failures
    .map((f, i) => {
      const head = `${i + 1}. ${f.title}${f.where ? ` (${f.where})` : ""}`;
      const body = f.message ? `\n${f.message.replace(/^/gm, "   ")}` : "";
      return head + body;
    })
    .join("\n");
}
