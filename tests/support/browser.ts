// Which Chromium the end-to-end tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE,
// else Debian's /usr/bin/chromium, else Playwright's own download.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const INSTALL_HINT =
  "No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: sudo apt-get install -y chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE";

/**
 * Chromium's options wherever the project drives it (the e2e tests, bench:visit): headless
 * as root needs --no-sandbox, and a machine without the internet refuses Chromium's own
 * background connections (updates, sync, QUIC), many at a time, unless they are turned off.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function findChromium(): { executablePath: string | undefined } | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return existsSync(fromEnv) ? { executablePath: fromEnv } : undefined;
  if (existsSync("/usr/bin/chromium")) return { executablePath: "/usr/bin/chromium" };
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  return bundled && existsSync(bundled) ? { executablePath: undefined } : undefined;
}

/** Chromium started headless with CHROMIUM_ARGS, as the benches' visits drive it; an error that says how to install it if there is none. */
export function launchChromium() {
  const found = findChromium();
  if (!found) throw new Error(INSTALL_HINT);
  return chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
}
