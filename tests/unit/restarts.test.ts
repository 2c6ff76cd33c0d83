import { describe, expect, it } from "vitest";
import { keepRunningPauses, restartCounter } from "@/scripts/lib/restarts";

describe("pauses before starting a process kept running again (the job worker, a web process)", () => {
  it.each([
    // how long each stopped process had run (ms) → the pauses before each start again
    [[1_000], [1_000]],
    [
      [1_000, 1_000, 1_000, 1_000],
      [1_000, 2_000, 4_000, 8_000],
    ],
    [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000],
    ],
    // A run of more than a minute starts the count from nothing (1 s, then 1 s, 2 s, ...
    // for the stops after it); a minute exactly does not.
    [
      [1_000, 1_000, 60_001, 1_000, 1_000],
      [1_000, 2_000, 1_000, 1_000, 2_000],
    ],
    [
      [1_000, 1_000, 60_000],
      [1_000, 2_000, 4_000],
    ],
  ])("after runs of %j: %j", (runs, expected) => {
    const pauses = keepRunningPauses();
    expect(runs.map((ran) => pauses.next(ran))).toEqual(expected);
  });
});

describe("tries in a row of a process npm start restarts a few times (PostgreSQL, the app's server)", () => {
  it("gives the pauses in turn, then none; a minute's run starts the count again", () => {
    const tries = restartCounter([10, 20]);
    expect([tries.next(), tries.next(), tries.next()]).toEqual([10, 20, undefined]);
    expect([tries.next(60_001), tries.tries]).toEqual([10, 1]);
  });
});
