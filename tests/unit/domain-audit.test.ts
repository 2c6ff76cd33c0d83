import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTIONS,
  auditDateRange,
  auditMessageKey,
  auditMessageValues,
  diffAuditJson,
  formatAuditCursor,
  parseAuditCursor,
} from "@/lib/domain/audit";
import { csvRows } from "@/lib/domain/csv";
import { ZAuditFilter, ZAuditQuery } from "@/lib/schemas/audit";

const catalog = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../messages/en.json"), "utf8")) as {
  Audit: { events: Record<string, string> };
};

describe("auditMessageKey", () => {
  it.each([
    ["certificate.revoked", "certificate_revoked"],
    ["auth.sign_in", "auth_sign_in"],
    ["user.role_changed", "user_role_changed"],
    ["security.refused", "security_refused"],
    ["something.new", "unknown"],
    ["", "unknown"],
    ["certificate", "unknown"],
  ])("%s -> %s", (action, key) => {
    expect(auditMessageKey(action)).toBe(key);
  });

  it("every known action, and the fallback, has its sentence in the catalog", () => {
    const missing = [...AUDIT_ACTIONS.map(auditMessageKey), "unknown"].filter((k) => !catalog.Audit.events[k]);
    expect(missing).toEqual([]);
  });

  it("every action the code records by name is a known action, so the log reads it as a sentence", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = ["lib", "app"].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join(root, dir, f)),
    );
    const recorded = new Set(
      files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\baction: "([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!)),
    );
    expect(recorded.size).toBeGreaterThan(30);
    expect([...recorded].filter((a) => auditMessageKey(a) === "unknown").sort()).toEqual([]);
  });
});

describe("auditMessageValues", () => {
  it.each<[string, unknown, Record<string, string>]>([
    [
      "a revocation's reason",
      { revoked: true, reason: "typo" },
      { target: "T", reason: "typo", role: "", status: "", count: "" },
    ],
    ["a role", { role: "ADMIN" }, { target: "T", reason: "", role: "ADMIN", status: "", count: "" }],
    ["a count", { count: 12 }, { target: "T", reason: "", role: "", status: "", count: "12" }],
    ["sessions ended", { ended: 2 }, { target: "T", reason: "", role: "", status: "", count: "2" }],
    ["nothing after", null, { target: "T", reason: "", role: "", status: "", count: "" }],
    ["an array after", [1, 2], { target: "T", reason: "", role: "", status: "", count: "" }],
  ])("%s", (_, after, values) => {
    expect(auditMessageValues({ before: null, after }, "T")).toEqual(values);
  });
});

describe("diffAuditJson", () => {
  it.each<[string, unknown, unknown, ReturnType<typeof diffAuditJson>]>([
    ["nothing", null, null, []],
    [
      "a changed field; equal ones left out",
      { a: 1, b: "x" },
      { a: 2, b: "x" },
      [{ field: "a", before: "1", after: "2" }],
    ],
    ["a field added", undefined, { name: "Ana" }, [{ field: "name", before: "", after: "Ana" }]],
    ["a field removed", { note: "late" }, {}, [{ field: "note", before: "late", after: "" }]],
    ["null to a value", { name: null }, { name: "Ana" }, [{ field: "name", before: "", after: "Ana" }]],
    ["a missing field and null are the same", { a: null }, {}, []],
    [
      "nested values as JSON",
      { rule: { min: 50 } },
      { rule: { min: 75 } },
      [{ field: "rule", before: '{"min":50}', after: '{"min":75}' }],
    ],
    ["arrays in the same order are equal", { l: [1, 2] }, { l: [1, 2] }, []],
    ["not objects", "a", "b", [{ field: "value", before: "a", after: "b" }]],
    ["an object against a scalar", { a: 1 }, 3, [{ field: "value", before: '{"a":1}', after: "3" }]],
    ["equal scalars", 3, 3, []],
  ])("%s", (_, before, after, changes) => {
    expect(diffAuditJson(before, after)).toEqual(changes);
  });
});

describe("auditDateRange", () => {
  it.each<[string, { from?: string; to?: string }, string, { gte?: string; lt?: string }]>([
    ["nothing", {}, "UTC", {}],
    [
      "one day in UTC",
      { from: "2021-12-15", to: "2021-12-15" },
      "UTC",
      { gte: "2021-12-15T00:00:00.000Z", lt: "2021-12-16T00:00:00.000Z" },
    ],
    ["Karachi (UTC+5)", { from: "2021-12-15" }, "Asia/Karachi", { gte: "2021-12-14T19:00:00.000Z" }],
    ["to the end of the month", { to: "2021-12-31" }, "Asia/Karachi", { lt: "2021-12-31T19:00:00.000Z" }],
    ["across a leap day", { to: "2024-02-28" }, "UTC", { lt: "2024-02-29T00:00:00.000Z" }],
    ["New York in summer (UTC-4)", { from: "2021-07-01" }, "America/New_York", { gte: "2021-07-01T04:00:00.000Z" }],
  ])("%s", (_, range, tz, expected) => {
    const got = auditDateRange(range, tz);
    expect({ gte: got.gte?.toISOString(), lt: got.lt?.toISOString() }).toEqual({
      gte: expected.gte,
      lt: expected.lt,
    });
  });
});

describe("audit cursors", () => {
  it("round-trips a time and an id", () => {
    const c = { at: new Date("2021-12-15T09:00:00.123Z"), id: "cm4abc123" };
    expect(formatAuditCursor(c)).toBe("2021-12-15T09:00:00.123Z_cm4abc123");
    expect(parseAuditCursor(formatAuditCursor(c))).toEqual(c);
  });

  it.each([
    undefined,
    "",
    "x",
    "2021-12-15_abc",
    "2021-13-45T09:00:00.000Z_abc",
    "2021-12-15T09:00:00.000Z_",
    "2021-12-15T09:00:00.000Z_a'b",
  ])("rejects %j", (text) => {
    expect(parseAuditCursor(text)).toBeNull();
  });
});

describe("the audit filters", () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ["empty", {}, true],
    ["empty fields, as a GET form sends them", { person: "", cohort: "", action: "", from: "", to: "" }, true],
    [
      "everything",
      { person: "ana", cohort: "cm123", action: "auth.sign_in", from: "2021-12-01", to: "2021-12-31" },
      true,
    ],
    ["a malformed action", { action: "DROP TABLE" }, false],
    ["a malformed day", { from: "15/12/2021" }, false],
    ["an impossible day", { from: "2021-02-30" }, false],
    ["from after to", { from: "2021-12-31", to: "2021-12-01" }, false],
    ["a cohort id with a quote", { cohort: "x'y" }, false],
    ["a person longer than an address", { person: "a".repeat(300) }, false],
  ])("the export's filter: %s", (_, query, ok) => {
    expect(ZAuditQuery.safeParse(query).success).toBe(ok);
  });

  it("the page ignores a malformed field instead of failing", () => {
    expect(
      ZAuditFilter.parse({ action: "DROP TABLE", from: "nope", size: "7", person: "ana", older: ["a", "b"] }),
    ).toEqual({ person: "ana" });
    expect(ZAuditFilter.parse({ size: "100", cohort: "cm1" })).toEqual({ size: 100, cohort: "cm1" });
  });
});

describe("csvRows", () => {
  it("writes rows without a header, formula-safe, each line ended by CRLF", () => {
    expect(
      csvRows([
        ["=1+1", "a,b"],
        ["x", null],
      ]),
    ).toBe('\'=1+1,"a,b"\r\nx,\r\n');
    expect(csvRows([])).toBe("");
  });
});
