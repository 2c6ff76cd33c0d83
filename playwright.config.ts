import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from "./tests/support/browser";

// `npm test` starts the database and the app's server (on any free port) and sets these;
// see scripts/test.ts.
const port = Number(process.env.E2E_PORT ?? 3200);
const browser = findChromium();
if (!browser) throw new Error(INSTALL_HINT);
// The clock stage's run (scripts/test.ts) keeps its reports and traces in a folder of its
// own. Playwright empties its output folder first, so the traces go one level down, away
// from the integration tests' report.
const results = process.env.TEST_RESULTS_DIR ?? "test-results";
const outputDir = process.env.TEST_RESULTS_DIR ? `${results}/e2e` : results;

export default defineConfig({
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Each test starts from state made in the database and drives one flow through the
  // pages. Alone, the longest take about 20 s; with two workers on a 2-core machine that
  // also runs another CPU-heavy job, up to about a minute; on one loaded ten times over
  // (load average above 20), a few took more than 90 s. The limits leave room for such a
  // machine: they are not a measure of speed.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  forbidOnly: true,
  outputDir,
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON ?? `${results}/e2e.json` }]],
  use: {
    // The address the server takes as its SITE_URL when none is configured (scripts/server.ts).
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  // e2e: what people do; security: what an attacker does (`npm test` runs each on a
  // server and database of its own).
  projects: [
    { name: "e2e", testDir: "tests/e2e", use: { ...devices["Desktop Chrome"] } },
    { name: "security", testDir: "tests/security", use: { ...devices["Desktop Chrome"] } },
  ],
});
