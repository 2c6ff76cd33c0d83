// `npm run bench:zoom`: a generated Zoom participants report of BENCH_ZOOM_ROWS
// rows (default 10,000: 5,000 people, each joining twice, half of them
// without an e-mail so that they are matched by name) against
// BENCH_ZOOM_PEOPLE (default 5,000) enrolled participants, from the CSV text
// to the preview's plan: parse, merge segments, match, propose. Prints each
// step's time (best of 5 runs after one warm-up); asserts nothing.
import { cpus } from "node:os";
import { mergeParticipants, DEFAULT_THRESHOLDS, type Candidate } from "../lib/domain/attendance.ts";
import { planZoomImport } from "../lib/domain/zoom-import.ts";
import { parseZoomReport } from "../lib/domain/zoom-report.ts";

const rows = Number(process.env.BENCH_ZOOM_ROWS ?? 10_000);
const peopleCount = Number(process.env.BENCH_ZOOM_PEOPLE ?? 5_000);
const GIVEN = [
  "Ali",
  "Sara",
  "Maryam",
  "Dilnoza",
  "Nurlan",
  "José",
  "Aigerim",
  "Bilal",
  "Fatima",
  "Timur",
  "Zeynab",
  "Çağla",
];
const FAMILY = [
  "Raza",
  "Ahmadi",
  "Karimova",
  "Sadykov",
  "García",
  "Saparova",
  "Khan",
  "Noor",
  "Abdullaev",
  "Hosseini",
  "Yılmaz",
  "Rezaei",
];
const name = (i: number) => `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]} ${i}`;

const candidates: Candidate[] = Array.from({ length: peopleCount }, (_, i) => ({
  id: `u${i}`,
  email: `p${i}@example.org`,
  names: [name(i)],
}));
const pad = (n: number) => String(n).padStart(2, "0");
const time = (minutes: number) =>
  `12/15/2021 ${pad(9 + Math.floor(minutes / 60) > 12 ? 9 + Math.floor(minutes / 60) - 12 : 9 + Math.floor(minutes / 60))}:${pad(minutes % 60)}:00 ${9 + Math.floor(minutes / 60) >= 12 ? "PM" : "AM"}`;
const lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"];
for (let r = 0; r < rows; r += 1) {
  const i = Math.floor(r / 2) % peopleCount;
  // Every fourth person misses most of the second half: late rather than present.
  const [from, to] = r % 2 === 0 ? [0, 60 + (i % 50)] : i % 4 === 0 ? [150, 170] : [70, 170];
  lines.push(`"${name(i)}",${i % 2 === 0 ? `p${i}@example.org` : ""},${time(from)},${time(to)},${to - from},Yes`);
}
const text = lines.join("\r\n");

function best<T>(label: string, fn: () => T): T {
  fn();
  let result!: T;
  let min = Infinity;
  for (let k = 0; k < 5; k += 1) {
    const t0 = performance.now();
    result = fn();
    min = Math.min(min, performance.now() - t0);
  }
  console.log(`  ${label.padEnd(40)} ${min.toFixed(0).padStart(6)} ms`);
  return result;
}

console.log(
  `Zoom report: ${rows.toLocaleString("en")} rows (${(text.length / 1024).toFixed(0)} KB) against ${peopleCount.toLocaleString("en")} participants, ${cpus().length} CPUs, Node ${process.version}`,
);
const session = { startsAt: new Date("2021-12-15T01:00:00Z"), endsAt: new Date("2021-12-15T04:00:00Z") };
const pipeline = () => {
  const r = parseZoomReport(text, "Asia/Shanghai");
  if (!r.ok) throw new Error(r.error);
  return planZoomImport({
    people: mergeParticipants(r.rows),
    candidates,
    current: new Map(),
    session,
    thresholds: DEFAULT_THRESHOLDS,
  });
};
const cold = performance.now();
pipeline();
console.log(
  `  ${"parse to preview, first (cold) run".padEnd(40)} ${(performance.now() - cold).toFixed(0).padStart(6)} ms   (aim: under 2 s)`,
);
console.log("  each step, best of 5 warm runs:");
const report = best("parse (CSV, times in Asia/Shanghai)", () => parseZoomReport(text, "Asia/Shanghai"));
if (!report.ok) throw new Error(report.error);
const people = best("merge segments per person", () => mergeParticipants(report.rows));
const plan = best("match and propose", () =>
  planZoomImport({ people, candidates, current: new Map(), session, thresholds: DEFAULT_THRESHOLDS }),
);
best("parse to preview, all steps", pipeline);
console.log(
  `Result: ${report.rows.length} rows, ${people.length} people, ${plan.proposals.filter((p) => p.how !== "not-in-report").length} matched, ${plan.review.length} to review; statuses ${JSON.stringify(plan.proposals.reduce<Record<string, number>>((a, p) => ((a[p.status] = (a[p.status] ?? 0) + 1), a), {}))}`,
);
