// `npm start` / `npm run dev`: database, migrations, seed, build when stale,
// then the Next.js server. Ctrl-C or SIGTERM stops the app, then PostgreSQL.
// A start that fails says why in one line and exits with code 1.
import path from "node:path";
import { spawnAppServer, type AppServer } from "./lib/app-server.ts";
import { ensureAuthSecret } from "./lib/auth-secret.ts";
import { buildIsStale, prismaClientIsStale, recordBuildSettings } from "./lib/build.ts";
import { createAdminSignInLink, migrate, openDatabase, seed, type Database } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { webProcessCount } from "./lib/web-processes.ts";
import { workerNiceness } from "./lib/worker-process.ts";
import { ROOT } from "./lib/paths.ts";
import { assertPortFree, portFromEnv } from "./lib/ports.ts";
import { run, stopChild, stopRunning } from "./lib/process.ts";
import { restartCounter } from "./lib/restarts.ts";
import { runPrisma } from "./lib/prisma-cli.ts";

const dev = process.argv.includes("--dev");
const next = path.join(ROOT, "node_modules/.bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

let opening: Promise<Database> | undefined;
let db: Database | undefined;
let app: AppServer | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // A migration, build or initdb under way is stopped, not left behind.
  await stopRunning();
  // A stop while PostgreSQL starts waits for it, to stop it too.
  db ??= await opening?.catch(() => undefined);
  const appRunning = app && app.child.exitCode === null && app.child.signalCode === null;
  const parts = [appRunning && "the app", db?.embedded && "PostgreSQL"].filter(Boolean);
  if (parts.length) console.log(`Stopping ${parts.join(" and ")}...`);
  // The app drains its requests in flight (DRAIN_SECONDS) before it stops.
  if (app) await stopChild(app.child, 30_000);
  await db?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** A folder inside the project relative to it (".data/pg"), any other in full. */
function shortPath(folder: string): string {
  const relative = path.relative(ROOT, folder);
  return relative.startsWith("..") || path.isAbsolute(relative) ? folder : relative || ".";
}

async function main() {
  // PORT=0 lets the server bind any free port; it reports which.
  const port = portFromEnv("PORT", 3000);
  if (port) await assertPortFree(port, "the app", "PORT");
  // Refused here, before PostgreSQL starts.
  webProcessCount(process.env.WEB_PROCESSES, dev);
  workerNiceness(process.env.WORKER_NICE);
  if (prismaClientIsStale() && (await runPrisma(["generate"], { quiet: true })).code !== 0) {
    throw new StartupError("prisma generate failed: run `npx tsx scripts/prisma.ts generate` to see why");
  }
  opening = openDatabase({ supervise: true });
  db = await opening;
  void db.failed?.then((line) => {
    if (stopping) return;
    console.error(line);
    void shutdown(1);
  });
  console.log(
    db.embedded
      ? `PostgreSQL 17 (embedded) on port ${db.embedded.port}, data in ${shortPath(db.embedded.dataDir)}`
      : "Using the PostgreSQL server in DATABASE_URL",
  );
  await migrate(db.url);
  await seed(db.url);
  console.log(`Seeded the demo cohort and the admin (${process.env.ADMIN_EMAIL ?? "admin@example.org"})`);

  if (!dev && buildIsStale()) {
    console.log("Building the app (the build is missing or older than the sources)...");
    if ((await run(next, ["build"], env)) !== 0) throw new StartupError("The build failed: see the errors above");
    recordBuildSettings();
  }

  if (stopping) return;
  const authSecret = ensureAuthSecret();
  const serverEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: dev ? "development" : "production",
    DATABASE_URL: db.url,
    AUTH_SECRET: authSecret,
  };
  const served = await serveApp(port, serverEnv);
  if (stopping) return;
  const link = await createAdminSignInLink(db.url, authSecret, `http://localhost:${served}`);
  console.log(`\n  Ready: http://localhost:${served}  (Ctrl-C to stop)`);
  console.log(`  Admin sign-in link (works once, for 15 minutes):\n  ${link}\n`);
}

/** The app's server's restarts in a row (scripts/lib/restarts.ts). */
const appRestarts = restartCounter();

/**
 * Starts the app's server and resolves with the port it serves on. Once it has served,
 * a server that stops on its own (killed, out of memory) is started again on the same
 * port, a few times with growing pauses; then the whole start stops.
 */
async function serveApp(port: number, serverEnv: NodeJS.ProcessEnv): Promise<number> {
  const startedAt = Date.now();
  app = spawnAppServer({ dev, port, showOutput: true, env: serverEnv });
  let ready = false;
  app.child.once("exit", (code, signal) => {
    // Before it is ready, app.ready says why it stopped.
    if (stopping || !ready) return;
    const pause = appRestarts.next(Date.now() - startedAt);
    if (pause === undefined) {
      console.error(
        `The app stopped unexpectedly (${signal ?? `exit code ${code}`}) ${appRestarts.tries} times in a row`,
      );
      return void shutdown(1);
    }
    console.error(`The app stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again`);
    setTimeout(() => {
      if (stopping) return;
      serveApp(port, serverEnv).then(
        (served) => console.log(`  The app is serving again on http://localhost:${served}`),
        (err: unknown) => {
          console.error(err instanceof StartupError ? err.message : err);
          void shutdown(1);
        },
      );
    }, pause);
  });
  const served = await app.ready;
  ready = true;
  // Started again on the port it served on (PORT=0 picked one).
  port = served;
  return served;
}

main().catch(async (err: unknown) => {
  if (stopping) return;
  console.error(err instanceof StartupError ? err.message : err);
  await shutdown(1);
});
