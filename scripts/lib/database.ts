// Where the app's database lives: DATABASE_URL when set, else the embedded
// PostgreSQL in .data/pg. Also migrations and seeding, shared by the scripts.
import path from "node:path";
import { Logger, runMigrations } from "graphile-worker";
import { createPrismaClient, databaseTimeouts } from "../../lib/db/client.ts";
import { seedDatabase } from "../../lib/db/seed.ts";
import { createSignInToken } from "../../lib/db/auth-tokens.ts";
import { generateLinkToken, hashVerificationToken, SIGN_IN_MINUTES } from "../../lib/auth/codes.ts";
import { StartupError } from "./errors.ts";
import { probeDatabase } from "./pg-admin.ts";
import { DATA_DIR } from "./paths.ts";
import { portFromEnv } from "./ports.ts";
import { restartEmbeddedPostgres, runningOn, startEmbeddedPostgres } from "./postgres.ts";
import { supervisePostgres } from "./postgres-supervisor.ts";
import { runPrisma } from "./prisma-cli.ts";

export type Database = {
  url: string;
  /** Where the embedded PostgreSQL runs; undefined for the server in DATABASE_URL. */
  embedded?: { port: number; dataDir: string };
  /** The embedded PostgreSQL stopped and could not be started again: one line saying so. */
  failed?: Promise<string>;
  stop(): Promise<void>;
};

/**
 * The server in DATABASE_URL, or the embedded PostgreSQL on its data folder, supervised
 * (scripts/lib/postgres-supervisor.ts) when `supervise` is set: `npm start` keeps it running.
 */
export async function openDatabase(opts: { supervise?: boolean; attach?: boolean } = {}): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external) {
    // A server that accepts connections but never answers would hold the start forever.
    await probeDatabase(external, 2 * databaseTimeouts().connectMs);
    return { url: external, stop: async () => {} };
  }
  const dataDir = embeddedDataDir();
  // `attach`: the PostgreSQL of a running `npm start` is used as it is (a backup while the app runs).
  const running = opts.attach ? runningOn(dataDir, process.env.EMBEDDED_PG_DATABASE || "lms") : undefined;
  if (running) return { url: running.url, embedded: { port: running.port, dataDir }, stop: async () => {} };
  const port = portFromEnv("EMBEDDED_PG_PORT", 54329);
  const server = await startEmbeddedPostgres({ dataDir, port });
  try {
    const name = process.env.EMBEDDED_PG_DATABASE || "lms";
    await server.createDatabase(name);
    const embedded = { port: server.port, dataDir };
    if (!opts.supervise) return { url: server.url(name), embedded, stop: () => server.stop() };
    const supervised = supervisePostgres(server, () => restartEmbeddedPostgres(embedded));
    return { url: server.url(name), embedded, failed: supervised.failed, stop: () => supervised.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** The embedded PostgreSQL's data folder: EMBEDDED_PG_DATA_DIR, or .data/pg. */
export const embeddedDataDir = () => path.resolve(process.env.EMBEDDED_PG_DATA_DIR || path.join(DATA_DIR, "pg"));

export async function migrate(url: string, opts: { quiet?: boolean } = {}): Promise<void> {
  const { code, output } = await runPrisma(["migrate", "deploy"], { env: { DATABASE_URL: url }, quiet: true });
  if (code !== 0) {
    throw new StartupError(
      `Migrations failed: ${
        output
          .split("\n")
          .filter((l) => /error/i.test(l))
          .join(" ")
          .trim() || output.trim()
      }`,
    );
  }
  // The job queue's own schema (graphile_worker), which graphile-worker creates and upgrades itself.
  await runMigrations({ connectionString: url, logger: new Logger(() => () => {}) }).catch((err: unknown) => {
    throw new StartupError(`The job queue's migrations failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  if (!opts.quiet) {
    const summary = output
      .split("\n")
      .find((l) => /All migrations have been successfully applied|No pending migrations/.test(l));
    if (summary) console.log(`  ${summary.trim()}`);
  }
}

export async function seed(url: string): Promise<void> {
  const db = createPrismaClient(url, { max: 1 });
  try {
    await seedDatabase(db, { adminEmail: process.env.ADMIN_EMAIL ?? "admin@example.org" });
  } finally {
    await db.$disconnect();
  }
}

/** A one-time sign-in link for the seeded admin, valid like an e-mailed one. */
export async function createAdminSignInLink(url: string, secret: string, baseUrl: string): Promise<string> {
  const email = (process.env.ADMIN_EMAIL ?? "admin@example.org").trim().toLowerCase();
  const token = generateLinkToken();
  const db = createPrismaClient(url, { max: 1 });
  try {
    await createSignInToken(
      db,
      email,
      hashVerificationToken(token, secret),
      new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
    );
  } finally {
    await db.$disconnect();
  }
  return `${baseUrl}/api/auth/callback/nodemailer?${new URLSearchParams({ callbackUrl: "/account", token, email })}`;
}
