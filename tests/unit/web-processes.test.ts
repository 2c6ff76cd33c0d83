import { describe, expect, it } from "vitest";
import { StartupError } from "../../scripts/lib/errors";
import { webProcessCount } from "../../scripts/lib/web-processes";

describe("how many web processes serve (WEB_PROCESSES)", () => {
  it.each([
    // value, development, cores → processes
    [undefined, false, 2, 2],
    ["", false, 4, 4],
    ["auto", false, 8, 8],
    [" auto ", false, 1, 1],
    ["1", false, 8, 1],
    ["3", false, 2, 3],
    ["64", false, 2, 64],
    ["3", true, 8, 1],
    [undefined, true, 8, 1],
  ] as const)("%j in development %s on %i cores: %i", (value, dev, cores, expected) => {
    expect(webProcessCount(value, dev, cores)).toBe(expected);
  });

  it.each(["0", "65", "-1", "1.5", "2x", "two", "1e1"])("%j is refused with a clear line", (value) => {
    expect(() => webProcessCount(value, false, 2)).toThrow(StartupError);
    expect(() => webProcessCount(value, false, 2)).toThrow(
      `WEB_PROCESSES must be a whole number from 1 to 64, or auto: it is "${value}"`,
    );
  });
});
