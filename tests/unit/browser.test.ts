import { afterEach, describe, expect, it, vi } from "vitest";
import { findChromium } from "@/tests/support/browser";

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
});
