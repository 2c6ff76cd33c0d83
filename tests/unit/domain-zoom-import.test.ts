import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mergeParticipants, DEFAULT_THRESHOLDS, type Person } from "@/lib/domain/attendance";
import { parseZoomReport } from "@/lib/domain/zoom-report";
import { planZoomImport, type Current } from "@/lib/domain/zoom-import";

const at = (hm: string) => new Date(`2021-12-15T${hm}:00Z`);
const person = (key: string, names: string[], email: string | null, segments: [string, string][]): Person => ({
  key,
  name: names[0]!,
  names,
  email,
  guest: false,
  segments: segments.map(([j, l]) => ({ join: at(j), leave: at(l) })),
});
const session = { startsAt: at("01:00"), endsAt: at("03:00") }; // 120 minutes
const candidates = [
  { id: "u-ali", email: "ali@example.org", names: ["Ali Raza"] },
  { id: "u-sara", email: "sara@example.org", names: ["Sara Ahmadi", "سارا احمدی"] },
  { id: "u-sara2", email: "sara2@example.org", names: ["Sara Ahmadi"] },
  { id: "u-dil", email: "dil@example.org", names: ["Dilnoza Karimova"] },
];

describe("planZoomImport", () => {
  const people = [
    person("email:ali@example.org", ["Ali R."], "ali@example.org", [
      ["00:50", "01:40"],
      ["01:30", "02:40"],
    ]), // 100 min within the session, overlap once
    person("name:sara ahmadi", ["Sara Ahmadi"], null, [["01:00", "01:50"]]), // ambiguous by name: two Saras
    person("name:host", ["Host (Organiser)"], null, [["00:30", "03:10"]]), // matches nobody
  ];

  it("matches by e-mail, sends ambiguous and unknown people to review, proposes absent for those not in the report", () => {
    const plan = planZoomImport({ people, candidates, current: new Map(), session, thresholds: DEFAULT_THRESHOLDS });
    expect(plan.proposals.map((p) => [p.userId, p.how, p.minutes, p.status, p.change])).toEqual([
      ["u-ali", "email", 100, "PRESENT", "set"],
      ["u-sara", "not-in-report", 0, "ABSENT", "set"],
      ["u-sara2", "not-in-report", 0, "ABSENT", "set"],
      ["u-dil", "not-in-report", 0, "ABSENT", "set"],
    ]);
    expect(plan.review.map((r) => [r.person.key, r.candidates, r.minutes])).toEqual([
      ["name:sara ahmadi", ["u-sara", "u-sara2"], 50],
      ["name:host", [], 120],
    ]);
  });

  it("follows the admin's choices, and protects excused and manual marks unless overridden", () => {
    const current = new Map<string, Current>([
      ["u-sara", { status: "EXCUSED", source: "MANUAL", minutes: null }],
      ["u-dil", { status: "PRESENT", source: "MANUAL", minutes: null }],
    ]);
    const assignments = { "name:sara ahmadi": "u-sara", "name:host": "ignore" };
    const plan = planZoomImport({ people, candidates, current, session, thresholds: DEFAULT_THRESHOLDS, assignments });
    expect(plan.proposals.map((p) => [p.userId, p.how, p.status, p.change])).toEqual([
      ["u-ali", "email", "PRESENT", "set"],
      ["u-sara", "assigned", "LATE", "protected"], // 50 of 120 minutes: late, but excused stays
      ["u-sara2", "not-in-report", "ABSENT", "set"],
      ["u-dil", "not-in-report", "ABSENT", "protected"],
    ]);
    expect(plan.ignored.map((p) => p.key)).toEqual(["name:host"]);
    expect(plan.counts).toEqual({ set: 2, unchanged: 0, protected: 2, review: 0, ignored: 1 });
    const overridden = planZoomImport({
      people,
      candidates,
      current,
      session,
      thresholds: DEFAULT_THRESHOLDS,
      assignments,
      overrides: new Set(["u-sara"]),
    });
    expect(overridden.proposals.find((p) => p.userId === "u-sara")?.change).toBe("set");
  });

  it("finds nothing to change when the same report was imported before", () => {
    const first = planZoomImport({ people, candidates, current: new Map(), session, thresholds: DEFAULT_THRESHOLDS });
    const current = new Map(
      first.proposals.map((p) => [p.userId, { status: p.status, source: "ZOOM" as const, minutes: p.minutes }]),
    );
    expect(
      planZoomImport({ people, candidates, current, session, thresholds: DEFAULT_THRESHOLDS }).counts,
    ).toMatchObject({ set: 0, unchanged: 4, protected: 0 });
  });

  it("plans a shipped sample report end to end", () => {
    const text = readFileSync(path.join(process.cwd(), "tests/fixtures/zoom/with-meeting-block.csv"), "utf8");
    const report = parseZoomReport(text, "Asia/Shanghai");
    if (!report.ok) throw new Error(report.error);
    const merged = mergeParticipants(report.rows);
    const plan = planZoomImport({
      people: merged,
      candidates: [],
      current: new Map(),
      session: { startsAt: new Date("2021-12-15T01:00:00Z"), endsAt: new Date("2021-12-15T04:00:00Z") },
      thresholds: DEFAULT_THRESHOLDS,
    });
    // With no enrolled participants, everyone in the report waits for review; nobody is dropped silently.
    expect(plan.review.length).toBe(merged.length);
    expect(plan.review.length).toBeGreaterThan(3);
  });
});
