import { describe, expect, it } from "vitest";
import {
  formatFailures,
  type PlaywrightReport,
  playwrightCounts,
  playwrightFailures,
  shortMessage,
  type VitestReport,
  vitestCounts,
  vitestFailures,
} from "../../scripts/lib/test-reports";

// Trimmed from reports the runners wrote for a test made to fail.
const vitestReport: VitestReport = {
  numPassedTests: 3,
  numFailedTests: 1,
  numPendingTests: 1,
  numTodoTests: 1,
  testResults: [
    {
      name: "/repo/tests/unit/sums.test.ts",
      status: "failed",
      message: "",
      assertionResults: [
        {
          fullName: "sums adds two numbers",
          status: "failed",
          failureMessages: [
            [
              "AssertionError: expected 2 to be 3 // Object.is equality",
              "    at /repo/tests/unit/sums.test.ts:2:72",
              "    at file:///repo/node_modules/@vitest/runner/dist/chunk-artifact.js:302:11",
              "    at new Promise (<anonymous>)",
            ].join("\n"),
          ],
        },
        { fullName: "sums adds nothing", status: "passed", failureMessages: [] },
      ],
    },
    {
      name: "/repo/tests/unit/broken.test.ts",
      status: "failed",
      message: "Failed to load url ./missing (resolved id: ./missing) in /repo/tests/unit/broken.test.ts",
      assertionResults: [],
    },
    { name: "/repo/tests/unit/fine.test.ts", status: "passed", assertionResults: [] },
  ],
};

const playwrightReport: PlaywrightReport = {
  stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 },
  suites: [
    {
      title: "tests/e2e/quiz.spec.ts",
      specs: [
        {
          title: "passes",
          file: "tests/e2e/quiz.spec.ts",
          line: 3,
          tests: [{ projectName: "e2e", status: "expected", results: [{ errors: [] }] }],
        },
      ],
      suites: [
        {
          title: "group",
          specs: [
            {
              title: "fails on purpose",
              file: "tests/e2e/quiz.spec.ts",
              line: 9,
              tests: [
                {
                  projectName: "e2e",
                  status: "unexpected",
                  results: [
                    {
                      errors: [
                        {
                          message:
                            "Error: \u001b[2mexpect(\u001b[22m\u001b[31mreceived\u001b[39m\u001b[2m).\u001b[22mtoBe\n\nExpected: \u001b[32m3\u001b[39m\nReceived: \u001b[31m2\u001b[39m",
                        },
                      ],
                    },
                  ],
                },
              ],
            },
            {
              title: "failed once, then passed",
              file: "tests/e2e/quiz.spec.ts",
              line: 20,
              tests: [
                { projectName: "e2e", status: "flaky", results: [{ errors: [{ message: "x" }] }, { errors: [] }] },
              ],
            },
          ],
        },
      ],
    },
  ],
  errors: [{ message: "Error: the global set-up could not reach the server" }],
};

describe("what npm test reads from the runners' reports", () => {
  it("counts Vitest's passed, failed and skipped (pending and to-do) tests", () => {
    expect(vitestCounts(vitestReport)).toEqual({ passed: 3, failed: 1, skipped: 2 });
  });

  it("counts Playwright's tests, a test that passed on a retry as passed", () => {
    expect(playwrightCounts(playwrightReport)).toEqual({ passed: 6, failed: 1, skipped: 2 });
  });

  it("names each failed Vitest test with its file, and a file that failed without a failed test", () => {
    expect(vitestFailures(vitestReport, "/repo")).toEqual([
      {
        title: "sums adds two numbers",
        where: "tests/unit/sums.test.ts",
        message: "AssertionError: expected 2 to be 3 // Object.is equality\n    at /repo/tests/unit/sums.test.ts:2:72",
      },
      {
        title: "(the file itself)",
        where: "tests/unit/broken.test.ts",
        message: "Failed to load url ./missing (resolved id: ./missing) in /repo/tests/unit/broken.test.ts",
      },
    ]);
  });

  it("names each unexpected Playwright outcome with its groups, file and line, and errors outside tests", () => {
    expect(playwrightFailures(playwrightReport)).toEqual([
      {
        title: "[e2e] group › fails on purpose",
        where: "tests/e2e/quiz.spec.ts:9",
        message: "Error: expect(received).toBe\nExpected: 3\nReceived: 2",
      },
      { title: "(outside any test)", where: "", message: "Error: the global set-up could not reach the server" },
    ]);
  });

  it.each([
    ["no message", undefined, ""],
    ["colour codes", "\u001b[31mred\u001b[39m", "red"],
    ["blank lines", "one\n\n  \ntwo", "one\ntwo"],
    [
      "the runner's frames",
      "Error: x\n    at /repo/a.ts:1:1\n    at node:internal/x:1:1\n    at f (file:///repo/node_modules/y.js:1:1)",
      "Error: x\n    at /repo/a.ts:1:1",
    ],
    ["more than six lines", "1\n2\n3\n4\n5\n6\n7\n8", "1\n2\n3\n4\n5\n6\n… (2 more lines in the report)"],
  ])("shortens a message: %s", (_, message, expected) => {
    expect(shortMessage(message)).toBe(expected);
  });

  it("prints each failure numbered, its message indented under it", () => {
    expect(
      formatFailures([
        { title: "a test", where: "tests/a.test.ts", message: "Error: one\nmore" },
        { title: "(outside any test)", where: "", message: "" },
      ]),
    ).toBe("1. a test (tests/a.test.ts)\n   Error: one\n   more\n2. (outside any test)");
  });
});
