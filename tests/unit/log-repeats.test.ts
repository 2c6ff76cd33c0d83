// Repeated identical errors are written once per interval, then counted.
import { describe, expect, it } from "vitest";
import { filterRepeats, repeatKey } from "@/lib/log/repeats";

function clocked() {
  let t = 0;
  const lines: unknown[][] = [];
  const filter = filterRepeats((...args) => lines.push(args), { intervalMs: 60_000, now: () => t });
  return { lines, filter, at: (ms: number) => (t = ms) };
}

describe("repeatKey", () => {
  it.each([
    [["boom"], "boom"],
    [[new Error("connect ECONNREFUSED 127.0.0.1:5432\n    at stack")], "Error: connect ECONNREFUSED 127.0.0.1:5432"],
    [
      ["Quiz API:", Object.assign(new Error("refused"), { code: "ECONNREFUSED" })],
      "Quiz API: Error ECONNREFUSED: refused",
    ],
    [["⨯", new TypeError("x is undefined")], "⨯ TypeError: x is undefined"],
    [[42], "42"],
  ] as const)("%j → %s", (args, key) => {
    expect(repeatKey(args)).toBe(key);
  });
});

describe("filterRepeats", () => {
  it("writes a message once per interval and then says how many times it came again", () => {
    const { lines, filter, at } = clocked();
    const down = new Error("Connection terminated unexpectedly");
    filter.write("Quiz API:", down);
    for (let i = 1; i <= 500; i += 1) {
      at(i * 100);
      filter.write("Quiz API:", down);
    }
    filter.write("another failure");
    expect(lines).toEqual([["Quiz API:", down], ["another failure"]]);
    at(60_000);
    filter.flush();
    expect(lines.slice(2)).toEqual([
      ["(repeated 500 more times in 60 s) Quiz API: Error: Connection terminated unexpectedly"],
    ]);
    // The next interval starts with the message in full again.
    at(61_000);
    filter.write("Quiz API:", down);
    expect(lines.at(-1)).toEqual(["Quiz API:", down]);
  });

  it("says nothing more about a message that did not come again", () => {
    const { lines, filter, at } = clocked();
    filter.write("once");
    at(120_000);
    filter.flush();
    expect(lines).toEqual([["once"]]);
  });

  it("writes the count of an interval that ended before the message came back, then the message", () => {
    const { lines, filter, at } = clocked();
    filter.write("again");
    at(1_000);
    filter.write("again");
    at(70_000);
    filter.write("again");
    expect(lines).toEqual([["again"], ["(repeated 1 more time in 70 s) again"], ["again"]]);
  });
});
