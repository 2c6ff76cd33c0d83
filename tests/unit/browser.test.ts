import { afterEach, describe, expect, it, vi } from "vitest";
import { findChromium, INSTALL_HINT } from "@/tests/support/browser";

afterEach(() => vi.unstubAllEnvs());

describe("findChromium (which browser the e2e tests drive)", () => {
  it("takes PLAYWRIGHT_CHROMIUM_EXECUTABLE first when it exists", () => {
    vi.stubEnv("PLAYWRIGHT_CHROMIUM_EXECUTABLE", process.execPath);
    expect(findChromium()).toEqual({ executablePath: process.execPath });
  });

  it("reports none when PLAYWRIGHT_CHROMIUM_EXECUTABLE names a missing file, rather than guessing", () => {
    vi.stubEnv("PLAYWRIGHT_CHROMIUM_EXECUTABLE", "/nonexistent/chromium");
    expect(findChromium()).toBeUndefined();
  });

  it("says in one line how to install a browser", () => {
    expect(INSTALL_HINT).not.toContain("\n");
    expect(INSTALL_HINT).toMatch(/apt-get install -y chromium/);
    expect(INSTALL_HINT).toMatch(/npx playwright install chromium/);
  });
});
