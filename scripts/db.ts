// Database chores on the same database `npm start` uses:
//   migrate            apply pending migrations
//   seed               create the demo cohort and the admin (idempotent)
//   new-migration NAME diff prisma/schema.prisma against the database into a new migration
//   prisma ARGS...     any Prisma CLI command against that database
import { migrate, openDatabase, seed } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { runPrisma } from "./lib/prisma-cli.ts";

const [command, ...rest] = process.argv.slice(2);
const db = await openDatabase().catch((err: unknown) => {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
});
let code = 0;
try {
  if (command === "migrate") await migrate(db.url);
  else if (command === "seed") await seed(db.url);
  else if (command === "new-migration") {
    const name = rest[0];
    if (!name) throw new StartupError("Usage: npm run db:new-migration -- <name>");
    ({ code } = await runPrisma(["migrate", "dev", "--name", name, "--skip-seed"], { env: { DATABASE_URL: db.url } }));
  } else if (command === "prisma") ({ code } = await runPrisma(rest, { env: { DATABASE_URL: db.url } }));
  else throw new StartupError(`Unknown command "${command ?? ""}": use migrate, seed, new-migration or prisma`);
} catch (err) {
  console.error(err instanceof StartupError ? err.message : err);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
