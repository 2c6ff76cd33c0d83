// Which Chromium the end-to-end tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE,
// else Debian's /usr/bin/chromium, else Playwright's own download.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const INSTALL_HINT =
  "No Chromium found for the end-to-end tests: install one (Debian/Ubuntu: sudo apt-get install -y chromium; elsewhere: npx playwright install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE";

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
