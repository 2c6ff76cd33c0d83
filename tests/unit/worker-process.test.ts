import path from "node:path";
import { describe, expect, it } from "vitest";
import { nicenessFrom, workerCommand, workerNiceness } from "@/scripts/lib/worker-process";

describe("workerNiceness (WORKER_NICE)", () => {
  it.each([
    [undefined, 19],
    ["", 19],
    [" ", 19],
    ["0", 0],
    ["10", 10],
    [" 19 ", 19],
  ])("%j is %i", (value, niceness) => expect(workerNiceness(value)).toBe(niceness));

  it.each(["20", "-1", "1.5", "low", "0x5", "1e1"])("refuses %j in one line", (value) =>
    expect(() => workerNiceness(value)).toThrow(`WORKER_NICE must be a whole number from 0 to 19: it is "${value}"`),
  );
});

describe("nicenessFrom", () => {
  it("gives the value it is told when the variable is unset, and names the variable when it refuses one", () => {
    expect(nicenessFrom("BENCH_SMTP_NICE", undefined, 0)).toBe(0);
    expect(nicenessFrom("BENCH_SMTP_NICE", "19", 0)).toBe(19);
    expect(() => nicenessFrom("BENCH_SMTP_NICE", "20", 0)).toThrow(
      'BENCH_SMTP_NICE must be a whole number from 0 to 19: it is "20"',
    );
  });
});

describe("workerCommand", () => {
  const source = path.resolve("scripts/worker.ts");
  const compiled = path.resolve(".server/worker.mjs");

  it("starts node under `nice -n` with the niceness", () =>
    expect(workerCommand(19, [], { compiled: false })).toEqual([
      "nice",
      ["-n", "19", process.execPath, "--import", "tsx", source],
    ]));

  it("starts node itself at niceness 0, with node's own options first", () =>
    expect(workerCommand(0, ["--cpu-prof"], { compiled: false })).toEqual([
      process.execPath,
      ["--cpu-prof", "--import", "tsx", source],
    ]));

  it("starts the compiled worker without tsx in production", () => {
    expect(workerCommand(19, [], { compiled: true })).toEqual(["nice", ["-n", "19", process.execPath, compiled]]);
    expect(workerCommand(0, ["--cpu-prof"], { compiled: true })).toEqual([process.execPath, ["--cpu-prof", compiled]]);
  });
});
