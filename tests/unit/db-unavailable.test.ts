// Which failures mean "the database cannot take this request now" (a 503 with Retry-After)
// rather than a fault of the request or of the code (a 500).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { answerUnavailable } from "@/lib/http/unavailable";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:54329", "ECONNREFUSED"), true],
    ["a pool with no free connection in time", new Error("timeout exceeded when trying to connect"), true],
    ["a connection cut by a killed server", new Error("Connection terminated unexpectedly"), true],
    ["a hung server past the client's timeout", new Error("Query read timeout"), true],
    ["PostgreSQL shutting down", withCode("terminating connection due to administrator command", "57P01"), true],
    ["PostgreSQL starting up", withCode("the database system is starting up", "57P03"), true],
    ["too many connections", withCode("sorry, too many clients already", "53300"), true],
    ["Prisma's pool timeout", withCode("Timed out fetching a new connection from the connection pool.", "P2024"), true],
    [
      "a driver adapter error wrapping a closed connection",
      Object.assign(new Error("Invalid invocation"), {
        code: "P2010",
        meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } },
      }),
      true,
    ],
    [
      "a cause several levels down",
      new Error("outer", { cause: new Error("mid", { cause: withCode("x", "ECONNRESET") }) }),
      true,
    ],
    ["a unique violation", withCode("duplicate key value violates unique constraint", "23505"), false],
    [
      "a statement PostgreSQL refused",
      Object.assign(new pg.DatabaseError("syntax error", 10, "error"), { code: "42601" }),
      false,
    ],
    ["a bug", new TypeError("Cannot read properties of undefined"), false],
    ["not an error at all", "down", false],
    ["nothing", undefined, false],
  ])("%s: %s", (_what, err, unavailable) => {
    expect(isDatabaseUnavailable(err)).toBe(unavailable);
  });
});

describe("answerUnavailable", () => {
  it("answers 503 with Retry-After when the database is unavailable, and passes everything else on", async () => {
    const down = answerUnavailable(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    });
    const answer = await down();
    expect([answer.status, answer.headers.get("retry-after"), await answer.json()]).toEqual([
      503,
      "30",
      { error: "unavailable" },
    ]);
    const bug = answerUnavailable(async () => {
      throw new TypeError("x is undefined");
    });
    await expect(bug()).rejects.toThrow("x is undefined");
    const fine = answerUnavailable(async (n: number) => Response.json({ n }));
    expect(await (await fine(7)).json()).toEqual({ n: 7 });
  });
});
