// Database chores on the same database `npm start` uses:
//   migrate            apply pending migrations
//   seed               create the demo cohort and the admin (idempotent)
//   new-migration NAME write prisma/schema.prisma's changes as a new migration (then
//                      review it, add any CHECK constraints, and run migrate)
//   prisma ARGS...     any Prisma CLI command against that database
import { migrate, openDatabase, seed } from "./lib/database.ts";
import { StartupError } from "./lib/errors.ts";
import { writeMigration } from "./lib/new-migration.ts";
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
    if (!name || !/^[a-z0-9_]+$/.test(name))
      throw new StartupError("Usage: npm run db:new-migration -- <name_in_snake_case>");
    const file = await writeMigration(name, db.url);
    console.log(
      file
        ? `Wrote ${file}: review it, then npm run db:migrate`
        : `prisma/schema.prisma has no changes that need a migration`,
    );
  } else if (command === "prisma") ({ code } = await runPrisma(rest, { env: { DATABASE_URL: db.url } }));
  else throw new StartupError(`Unknown command "${command ?? ""}": use migrate, seed, new-migration or prisma`);
} catch (err) {
  console.error(err instanceof StartupError ? err.message : err);
  code = 1;
} finally {
  await db.stop();
}
process.exit(code);
