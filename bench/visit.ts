// `npm run bench:visit`: what one participant's visit costs the server when a real browser
// makes it, every request it sends included (the prefetches of the links in view, the
// client-side router's RSC requests, server actions, the quiz's JSON API), where the
// load benches (bench:pages, bench:cohort) send only the requests they were written to.
// Prints, per step, the requests by kind and the server's CPU (from /proc) from the
// action until the page is quiet; asserts nothing.
//
// On a fresh embedded PostgreSQL (`npm start`), a cohort whose live session starts now and
// BENCH_VISITS participants (default 5), each in a fresh Chromium context: opens the
// dashboard and scrolls every link on it into view, follows lecture 1's "Take the quiz",
// starts the quiz, answers every question (half a second apart) and submits. The first visit warms the server
// and is not counted.
//   BENCH_VISITS (default 5)  BENCH_QUIET_MS (how long a page must send nothing to be quiet; default 1000)
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, Request } from "@playwright/test";
import { loadLectures } from "../lib/content/load.ts";
import { ROOT } from "../scripts/lib/paths.ts";
import { getFreePort } from "../scripts/lib/ports.ts";
import { answer } from "../tests/e2e/support.ts";
import { findChromium, INSTALL_HINT, launchChromium } from "../tests/support/browser.ts";
import { seedLiveCohort } from "./lib/seed.ts";
import {
  benchDatabaseClient,
  buildIfStale,
  machine,
  serverCpuSeconds,
  startApp,
  stop,
  waitFor,
  writeResults,
} from "./lib/app.ts";

const VISITS = Number(process.env.BENCH_VISITS ?? 5);
const QUIET_MS = Number(process.env.BENCH_QUIET_MS ?? 1000);
const COOKIE = "authjs.session-token";
const LECTURES = loadLectures(path.join(ROOT, "content"));
const LECTURE = LECTURES[0]!;

const KINDS = ["document", "static file", "RSC navigation", "prefetch", "server action", "JSON API", "other"] as const;
type Kind = (typeof KINDS)[number];

/** What a request to the server is, from its headers. */
function kindOf(request: Request): Kind {
  const headers = request.headers();
  const { pathname } = new URL(request.url());
  if (headers["next-router-prefetch"] !== undefined) return "prefetch";
  if (headers["next-action"] !== undefined) return "server action";
  if (request.resourceType() === "document") return "document";
  if (pathname.startsWith("/_next/static")) return "static file";
  if (headers["rsc"] !== undefined) return "RSC navigation";
  if (pathname.startsWith("/api/")) return "JSON API";
  return "other";
}

type Step = { step: string; counts: Record<Kind, number>; cpuMs: number };

/**
 * Runs `action`, waits until the page has sent nothing for QUIET_MS with no request open,
 * and returns the requests sent meanwhile and the server's CPU over the whole time. A fresh
 * context has nothing cached: its first page fetches the scripts and styles from
 * /_next/static, as a participant's first visit does.
 */
async function measured(page: Page, cpu: () => number | undefined, step: string, action: () => Promise<void>) {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  let open = 0;
  let last = Date.now();
  const onRequest = (request: Request) => {
    last = Date.now();
    counts[kindOf(request)] += 1;
    open += 1;
  };
  const onDone = () => {
    last = Date.now();
    open -= 1;
  };
  page.on("request", onRequest);
  page.on("requestfinished", onDone);
  page.on("requestfailed", onDone);
  const before = cpu();
  await action();
  while (open > 0 || Date.now() - last < QUIET_MS) await page.waitForTimeout(100);
  const after = cpu();
  page.off("request", onRequest);
  page.off("requestfinished", onDone);
  page.off("requestfailed", onDone);
  if (before === undefined || after === undefined)
    throw new Error("the server's CPU time could not be read from /proc");
  return { step, counts, cpuMs: Math.round((after - before) * 1000) } satisfies Step;
}

async function visit(page: Page, cpu: () => number | undefined): Promise<Step[]> {
  const steps: Step[] = [];
  steps.push(
    await measured(page, cpu, "dashboard, every link in view", async () => {
      await page.goto("/dashboard");
      for (const link of await page.getByRole("link").all()) await link.scrollIntoViewIfNeeded();
    }),
  );
  steps.push(
    await measured(page, cpu, "quiz page (link followed)", async () => {
      await page
        .getByRole("link", { name: /Take the quiz/ })
        .first()
        .click();
      await page.getByRole("button", { name: "Start the quiz" }).waitFor();
    }),
  );
  steps.push(
    await measured(page, cpu, "start: the attempt page", async () => {
      await page.getByRole("button", { name: "Start the quiz" }).click();
      await page.getByRole("button", { name: "Submit answers" }).waitFor();
    }),
  );
  steps.push(
    await measured(page, cpu, `${LECTURE.quiz.questions.length} answers, saved as given`, async () => {
      // A moment between answers, as a person takes: the form saves each answer 150 ms after it is given.
      for (const q of LECTURE.quiz.questions) {
        await answer(page, q);
        await page.waitForTimeout(500);
      }
    }),
  );
  steps.push(
    await measured(page, cpu, "submit: the result", async () => {
      await page.getByRole("button", { name: "Submit answers" }).click();
      await page
        .getByRole("dialog", { name: "Submit your answers?" })
        .getByRole("button", { name: "Submit now" })
        .click();
      await page.locator("#result-title").waitFor();
    }),
  );
  return steps;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  if (!(Number.isInteger(VISITS) && VISITS >= 1)) throw new Error("BENCH_VISITS must be a whole number, 1 or more");
  // Before the build, so that a machine without Chromium is told at once.
  const found = findChromium();
  if (!found) throw new Error(INSTALL_HINT);
  await buildIfStale();
  const work = mkdtempSync(path.join(tmpdir(), "lms-bench-visit-"));
  chmodSync(work, 0o755);
  const port = await getFreePort();
  const pgPort = await getFreePort();
  const dataDir = path.join(work, "pg");
  const child = startApp({ port, dataDir, pgPort, env: { DATABASE_URL: "" } });
  const db = benchDatabaseClient(dataDir, pgPort);
  const browser = await launchChromium();
  try {
    const base = `http://localhost:${port}`;
    await waitFor(`${base}/api/health`, child);
    await db.connect();
    const { tokens } = await seedLiveCohort(db, {
      name: "Bench cohort",
      count: VISITS + 1,
      lectureSlugs: LECTURES.map((l) => l.slug),
    });
    const cpu = serverCpuSeconds(port);
    console.log(
      `A participant's visit in Chromium (${found.executablePath ?? "Playwright's own"}), ${VISITS} visits after one not counted; production server on embedded PostgreSQL 17`,
    );
    const visits: Step[][] = [];
    for (const [i, token] of tokens.entries()) {
      const context = await browser.newContext({ baseURL: base });
      await context.addCookies([{ name: COOKIE, value: token, url: base }]);
      const steps = await visit(await context.newPage(), cpu);
      await context.close();
      if (i === 0) continue;
      visits.push(steps);
      console.log(`  visit ${i}: server CPU ${steps.map((s) => `${s.cpuMs}`).join(" · ")} ms`);
    }
    const width = Math.max(...visits[0]!.map((s) => s.step.length));
    console.log(
      `\n${"step".padEnd(width)}  ${KINDS.map((k) => k.padStart(k.length)).join("  ")}  server CPU ms (median; min-max)`,
    );
    const rows = visits[0]!.map((first, j) => {
      const cpuMs = visits.map((v) => v[j]!.cpuMs);
      const counts = Object.fromEntries(KINDS.map((k) => [k, median(visits.map((v) => v[j]!.counts[k]))]));
      console.log(
        `${first.step.padEnd(width)}  ${KINDS.map((k) => String(counts[k]).padStart(k.length)).join("  ")}  ${median(cpuMs)} (${Math.min(...cpuMs)}-${Math.max(...cpuMs)})`,
      );
      return { step: first.step, requests: counts, "server CPU ms": cpuMs };
    });
    const totals = visits.map((v) => v.reduce((sum, s) => sum + s.cpuMs, 0));
    console.log(
      `\nA whole visit: server CPU ${median(totals)} ms (median; ${Math.min(...totals)}-${Math.max(...totals)})`,
    );
    console.log(`Machine: ${machine()}; the server's CPU is read in clock ticks (10 ms).`);
    writeResults("visit", { machine: machine(), visits: VISITS, steps: rows, "whole visit CPU ms": totals });
  } finally {
    await browser.close();
    await db.end().catch(() => {});
    await stop(child);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
