// `npm start` / `npm run dev`: database, migrations, seed, build when stale,
// then the Next.js server. Ctrl-C or SIGTERM stops the app, then PostgreSQL.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureAuthSecret } from "./lib/auth-secret.ts";
import { buildIsStale, prismaClientIsStale } from "./lib/build.ts";
import { createAdminSignInLink, migrate, openDatabase, seed, type Database } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { ROOT } from "./lib/paths.ts";
import { assertPortFree } from "./lib/ports.ts";
import { run, stopChild, waitForHttp } from "./lib/process.ts";
import { runPrisma } from "./lib/prisma-cli.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const next = path.join(ROOT, "node_modules/.bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

let db: Database | undefined;
let app: ReturnType<typeof spawn> | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (app || db) console.log("Stopping the app and PostgreSQL...");
  if (app) await stopChild(app);
  await db?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new StartupError(`PORT must be a port number, not "${process.env.PORT}"`);
  await assertPortFree(port, "the app", "PORT");
  if (prismaClientIsStale() && (await runPrisma(["generate"], { quiet: true })).code !== 0) {
    throw new StartupError("prisma generate failed: run `npx tsx scripts/prisma.ts generate` to see why");
  }
  db = await openDatabase();
  console.log(
    db.embedded
      ? `PostgreSQL 17 (embedded) running, data in ${path.relative(ROOT, db.dataDir!) || "."}`
      : "Using the PostgreSQL server in DATABASE_URL",
  );
  await migrate(db.url);
  await seed(db.url);
  console.log(`Seeded the demo cohort and the admin (${process.env.ADMIN_EMAIL ?? "admin@example.org"})`);

  if (!dev && buildIsStale()) {
    console.log("Building the app (the build is missing or older than the sources)...");
    if ((await run(next, ["build"], env)) !== 0) throw new StartupError("The build failed: see the errors above");
  }

  const authSecret = ensureAuthSecret();
  app = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "scripts/server.ts"), ...(dev ? ["--dev"] : []), "--port", String(port)],
    {
      stdio: "inherit",
      env: {
        ...env,
        NODE_ENV: dev ? "development" : "production",
        DATABASE_URL: db.url,
        PORT: String(port),
        AUTH_SECRET: authSecret,
      },
    },
  );
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`The app stopped (exit code ${code ?? "signal"})`);
      void shutdown(code || 1);
    }
  });
  const up = await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000, () => app?.exitCode === null);
  if (up && !stopping) {
    const link = await createAdminSignInLink(db.url, authSecret, `http://localhost:${port}`);
    console.log(`\n  Ready: http://localhost:${port}  (Ctrl-C to stop)`);
    console.log(`  Admin sign-in link (works once, for 15 minutes):\n  ${link}\n`);
  }
}

main().catch(async (err: unknown) => {
  console.error(err instanceof StartupError ? err.message : err);
  await shutdown(1);
});
