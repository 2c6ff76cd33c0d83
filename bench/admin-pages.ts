// `npm run bench:admin`: the admin's cohort pages at the size of a large programme. Seeds a
// cohort of BENCH_ADMIN_PEOPLE (default 5,000) participants with three live sessions, marks
// for the first (a third present, a tenth late, a few excused, the rest not marked) and a
// staged Zoom report of BENCH_ADMIN_ZOOM_ROWS rows (default 10,000: each person twice, some
// without an e-mail and so matched by name, a few unknown), on `npm start` with a fresh
// embedded PostgreSQL. Then requests each admin cohort page, signed in as an admin, and
// prints its size (HTML as sent, and gzip-compressed as a browser receives it) and its
// response time (median of BENCH_ADMIN_REPEAT requests after one warm-up). Every answer must
// be a 200 carrying the page's marker. Asserts nothing. `npm run bench:report` measures only
// the programme report (its page and its workbook) on the same cohort.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { getFreePort } from "../scripts/lib/ports.ts";
import { buildIfStale, machine, startApp, stop, waitFor, writeResults } from "./lib/app.ts";
import { embeddedDatabaseUrl } from "../scripts/lib/postgres.ts";

const PEOPLE = Number(process.env.BENCH_ADMIN_PEOPLE ?? 5_000);
const ZOOM_ROWS = Number(process.env.BENCH_ADMIN_ZOOM_ROWS ?? 10_000);
const REPEAT = Number(process.env.BENCH_ADMIN_REPEAT ?? 5);
/** Only the pages whose label begins with this (`npm run bench:report` passes "report"). */
const ONLY = process.argv[2];
/** A folder to write each page's HTML into, to see what makes it heavy. */
const SAVE = process.env.BENCH_ADMIN_SAVE;
const COOKIE = "authjs.session-token";
const GIVEN = ["Ali", "Sara", "Maryam", "Dilnoza", "Nurlan", "José", "Aigerim", "Bilal", "Fatima", "Timur", "Zeynab"];
const FAMILY = ["Raza", "Ahmadi", "Karimova", "Sadykov", "García", "Saparova", "Khan", "Noor", "Abdullaev", "Rezaei"];
const nameOf = (i: number) => `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / 11) % FAMILY.length]} ${i}`;

type Seeded = { cohortId: string; sessionId: string; importId: string; token: string; tag: string };

async function seed(db: pg.Client): Promise<Seeded> {
  const tag = randomBytes(4).toString("hex");
  const cohortId = `bench-admin-${tag}`;
  const adminId = `admin-${tag}`;
  const token = randomBytes(32).toString("hex");
  await db.query(
    `INSERT INTO users (id, email, name, role, profile_completed_at, updated_at) VALUES ($1, $2, 'Bench Admin', 'ADMIN', now(), now())`,
    [adminId, `bench-admin-${tag}@example.org`],
  );
  await db.query(
    `INSERT INTO sessions (id, session_token, user_id, expires, updated_at) VALUES (gen_random_uuid()::text, $1, $2, now() + interval '1 day', now())`,
    [token, adminId],
  );
  await db.query(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench large cohort', 'Asia/Shanghai', '2021-12-01', '2022-02-01', now())`,
    [cohortId],
  );
  await db.query(
    `INSERT INTO users (id, email, name, certificate_name, country, time_zone, profile_completed_at, updated_at)
     SELECT $1 || '-' || i, 'p' || i || '-' || $1 || '@example.org', n, n, 'PK', 'Asia/Karachi', now(), now()
     FROM unnest($2::text[]) WITH ORDINALITY AS x(n, i)`,
    [tag, Array.from({ length: PEOPLE }, (_, i) => nameOf(i + 1))],
  );
  await db.query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at)
     SELECT gen_random_uuid()::text, $1 || '-' || i, $2, 'ACTIVE', now() FROM generate_series(1, $3::int) AS i`,
    [tag, cohortId, PEOPLE],
  );
  // The report's meeting: 15 Dec 2021, 09:00-12:00 in Asia/Shanghai; two more sessions after it.
  const sessionId = `bench-session-${tag}`;
  await db.query(
    `INSERT INTO live_sessions (id, cohort_id, lecture_slug, starts_at, ends_at, updated_at) VALUES
       ($1, $2, 'nhz-policy-framework', '2021-12-15T01:00:00Z', '2021-12-15T04:00:00Z', now()),
       ($1 || '-2', $2, 'china-st-system-reform', '2021-12-22T01:00:00Z', '2021-12-22T04:00:00Z', now()),
       ($1 || '-3', $2, 'pakistan-sti-policy', '2021-12-29T01:00:00Z', '2021-12-29T04:00:00Z', now())`,
    [sessionId, cohortId],
  );
  await db.query(
    `INSERT INTO attendance_records (id, session_id, user_id, status, source, updated_by_id, updated_at)
     SELECT gen_random_uuid()::text, $1, $2 || '-' || i,
       (CASE WHEN i % 10 = 0 THEN 'LATE' WHEN i % 50 = 1 THEN 'EXCUSED' ELSE 'PRESENT' END)::"AttendanceStatus",
       'MANUAL', $3, now()
     FROM generate_series(1, $4::int) AS i WHERE i % 3 = 0 OR i % 50 = 1`,
    [sessionId, tag, adminId, PEOPLE],
  );
  const time = (minutes: number) => {
    const h = 9 + Math.floor(minutes / 60);
    return `2021-12-15 ${String(h).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;
  };
  const lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"];
  for (let r = 0; r < ZOOM_ROWS; r += 1) {
    const i = (Math.floor(r / 2) % PEOPLE) + 1;
    const [from, to] = r % 2 === 0 ? [0, 60 + (i % 50)] : i % 4 === 0 ? [150, 170] : [70, 170];
    // One in 400 is a device name nobody has: the organiser decides who it is.
    const name = i % 400 === 7 ? `Meeting Room ${i}` : nameOf(i);
    lines.push(`"${name}",${i % 2 === 0 ? `p${i}-${tag}@example.org` : ""},${time(from)},${time(to)},${to - from},Yes`);
  }
  const importId = `bench-import-${tag}`;
  await db.query(
    `INSERT INTO zoom_imports (id, session_id, actor_id, file_name, content, time_zone) VALUES ($1, $2, $3, 'report.csv', $4, 'Asia/Shanghai')`,
    [importId, sessionId, adminId, lines.join("\r\n")],
  );
  // Requests an organiser decides in the inbox: 200 people asking to join, 60 excuses for session 2.
  await db.query(
    `INSERT INTO users (id, email, name, certificate_name, country, profile_completed_at, updated_at)
     SELECT $1 || '-pending-' || i, 'pending' || i || '-' || $1 || '@example.org', 'Pending ' || i, 'Pending ' || i, 'KZ', now(), now()
     FROM generate_series(1, 200) AS i`,
    [tag],
  );
  await db.query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at)
     SELECT gen_random_uuid()::text, $1 || '-pending-' || i, $2, 'PENDING', now() FROM generate_series(1, 200) AS i`,
    [tag, cohortId],
  );
  await db.query(
    `INSERT INTO excuse_requests (id, session_id, user_id, reason, updated_at)
     SELECT gen_random_uuid()::text, $1 || '-2', $2 || '-' || (i * 7), 'A power cut in the district', now() FROM generate_series(1, 60) AS i`,
    [sessionId, tag],
  );
  // Certificates for every fourth person: one in ten of them revoked, one in 25 printed with a former name.
  await db.query(
    `INSERT INTO certificates (id, code, user_id, cohort_id, name, status_index, credential, issued_at, revoked_at, revoked_reason)
     SELECT gen_random_uuid()::text, 'ECOSF-21-' || lpad(i::text, 4, '0') || '-BNCH', u.id, $2,
       CASE WHEN i % 100 = 4 THEN 'Former name ' || i ELSE u.certificate_name END, 20000 + i, 'x', now(),
       CASE WHEN i % 40 = 0 THEN now() END, CASE WHEN i % 40 = 0 THEN 'Issued by mistake' END
     FROM generate_series(4, $3::int, 4) AS i JOIN users u ON u.id = $1 || '-' || i`,
    [tag, cohortId, PEOPLE],
  );
  return { cohortId, sessionId, importId, token, tag };
}

/**
 * A submitted attempt of lecture 1 for everyone, copied from one taken through the quiz API
 * (in a cohort of its own that is open now), with scores spread from 0 to 100.
 */
async function seedAttempts(db: pg.Client, base: string, s: Seeded) {
  const source = `${s.cohortId}-source`;
  const userId = `${s.tag}-1`;
  const token = randomBytes(32).toString("hex");
  await db.query(
    `INSERT INTO cohorts (id, slug, name, time_zone, starts_on, ends_on, updated_at) VALUES ($1, $1, 'Bench source cohort', 'UTC', current_date - 1, current_date + 30, now())`,
    [source],
  );
  await db.query(
    `INSERT INTO enrolments (id, user_id, cohort_id, status, updated_at) VALUES (gen_random_uuid()::text, $1, $2, 'ACTIVE', now())`,
    [userId, source],
  );
  await db.query(
    `INSERT INTO sessions (id, session_token, user_id, expires, updated_at) VALUES (gen_random_uuid()::text, $1, $2, now() + interval '1 day', now())`,
    [token, userId],
  );
  const call = async (method: string, url: string) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie: `${COOKIE}=${token}`,
        "content-type": "application/json",
        origin: `http://localhost:${new URL(base).port}`,
      },
      body: method === "POST" ? "{}" : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const started = await call("POST", `/api/cohorts/${source}/quizzes/nhz-policy-framework/attempts`);
  await call("POST", `/api/attempts/${String(started.attemptId)}/submit`);
  await db.query(
    `INSERT INTO quiz_attempts (id, user_id, cohort_id, lecture_slug, version_id, number, status, layout, responses, started_at, submitted_at, submitted_by, grade, percent, passed)
     SELECT gen_random_uuid()::text, $2 || '-' || i, $3, a.lecture_slug, a.version_id, 1, 'SUBMITTED', a.layout, a.responses,
       now() - interval '1 hour', now() - interval '50 minutes', 'participant', a.grade, (i * 37) % 101, (i * 37) % 101 >= 70
     FROM quiz_attempts a, generate_series(1, $4::int) AS i WHERE a.id = $1`,
    [started.attemptId, s.tag, s.cohortId, PEOPLE],
  );
}

type Answer = { status: number; ms: number; bytes: number; gzip: number; body: string };

async function get(base: string, url: string, token: string): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${base}${url}`, {
    headers: { cookie: `${COOKIE}=${token}`, accept: "text/html" },
    redirect: "manual",
  });
  const body = await res.text();
  const ms = performance.now() - started;
  const bytes = Buffer.byteLength(body);
  return { status: res.status, ms, bytes, gzip: gzipSync(body).length, body };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  await buildIfStale();
  if (SAVE) mkdirSync(SAVE, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-admin-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = path.join(work, "pg");
  const child = startApp({ port, dataDir, pgPort, env: { DATABASE_URL: "" } });
  const results: Record<string, unknown> = {};
  try {
    await waitFor(`${base}/`, child, 50);
    const db = new pg.Client({ connectionString: embeddedDatabaseUrl(dataDir, pgPort, "lms") });
    await db.connect();
    const seededAt = performance.now();
    const s = await seed(db)
      .then(async (seeded) => (await seedAttempts(db, base, seeded), seeded))
      .finally(() => db.end());
    console.log(
      `Seeded ${PEOPLE.toLocaleString("en")} participants (each with a submitted quiz, a quarter with a certificate), 200 pending requests, 60 excuses, 3 sessions, a ${ZOOM_ROWS.toLocaleString("en")}-row Zoom report in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`,
    );
    const c = `/admin/cohorts/${s.cohortId}`;
    const register = `${c}/sessions/${s.sessionId}/attendance`;
    const pages = (
      [
        ["cohort overview", c, "Bench large cohort"],
        ["participants", `${c}/participants`, "Bench large cohort"],
        ["sessions", `${c}/sessions`, "Bench large cohort"],
        ["session register", register, 'name="row"'],
        ["session register, page 30", `${register}?page=30`, 'name="row"'],
        ["session register, not marked", `${register}?show=unmarked`, 'name="row"'],
        ["session register, search", `${register}?q=${encodeURIComponent("Karimova 4")}`, 'name="row"'],
        ["Zoom preview", `${c}/sessions/${s.sessionId}/zoom/${s.importId}`, 'id="changes-title"'],
        ["Zoom preview, page 20", `${c}/sessions/${s.sessionId}/zoom/${s.importId}?page=20`, 'id="changes-title"'],
        ["attendance matrix", `${c}/attendance`, 'id="matrix-title"'],
        ["attendance matrix, page 50", `${c}/attendance?page=50`, 'id="matrix-title"'],
        ["participants, page 40", `${c}/participants?page=40`, "Bench large cohort"],
        ["inbox", `${c}/inbox`, "Bench large cohort"],
        ["certificates", `${c}/certificates`, "Bench large cohort"],
        ["quizzes (results)", `${c}/quizzes`, "Bench large cohort"],
        ["quizzes, not passed", `${c}/quizzes?result=not-passed`, "Bench large cohort"],
        ["audit log", `/admin/audit`, "<h1"],
        ["cohorts", `/admin/cohorts`, "Bench large cohort"],
        ["roster import", `${c}/import`, "Bench large cohort"],
        ["report", `${c}/report`, 'id="funnel-title"'],
        ["report PDF", `/api/admin/cohorts/${s.cohortId}/report.pdf`, "%PDF"],
        ["report workbook (XLSX)", `/api/admin/cohorts/${s.cohortId}/report.xlsx`, "PK"],
      ] as [string, string, string][]
    ).filter(([label]) => !ONLY || label.startsWith(ONLY));
    console.log(`\n${"page".padEnd(32)} ${"HTML".padStart(9)} ${"gzip".padStart(8)} ${"median".padStart(8)}   status`);
    for (const [label, url, marker] of pages) {
      const warm = await get(base, url, s.token);
      const answers: Answer[] = [];
      for (let k = 0; k < REPEAT; k += 1) answers.push(await get(base, url, s.token));
      const wrong = [warm, ...answers].find((a) => a.status !== 200 || !a.body.includes(marker));
      const line = {
        bytes: warm.bytes,
        gzip: warm.gzip,
        "median ms": Math.round(median(answers.map((a) => a.ms))),
        status: wrong ? `error: ${wrong.status}${wrong.status === 200 ? " without its marker" : ""}` : "200",
      };
      results[label] = line;
      if (SAVE) writeFileSync(path.join(SAVE, `${label.replace(/[^a-z0-9]+/gi, "-")}.html`), warm.body);
      console.log(
        `${label.padEnd(32)} ${kb(line.bytes).padStart(9)} ${kb(line.gzip).padStart(8)} ${`${line["median ms"]} ms`.padStart(8)}   ${line.status}`,
      );
    }
  } finally {
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nMachine: ${machine()}; ${REPEAT} requests per page after one warm-up, one at a time`);
  writeResults("admin-pages", { machine: machine(), people: PEOPLE, zoomRows: ZOOM_ROWS, results });
}

await main();
