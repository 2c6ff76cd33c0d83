import { defineConfig, devices } from "@playwright/test";
import { findChromium, INSTALL_HINT } from "./tests/support/browser";

// `npm test` starts the database and the app's server (on any free port) and sets these;
// see scripts/test.ts.
const port = Number(process.env.E2E_PORT ?? 3200);
const browser = findChromium();
if (!browser) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: a 2-core CI machine runs the server, two browsers and axe at once.
  // The longest journeys (a quiz taken and graded, a certificate earned and revoked) take
  // 1.3-1.9 minutes with two workers on a 2-core machine, axe included.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: browser.executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
