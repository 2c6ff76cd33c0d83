// Loaded only by the Prisma CLI (migrate, generate), never by the app.
// `engine: "js"` runs migrations in the WebAssembly schema engine that ships inside
// the `prisma` package, through adapter-pg, so no schema-engine binary is downloaded
// (Prisma 7's CLI downloads one for every command, which fails offline: hence 6.19).
// That path needs the three workarounds below. The first two patch pg and Node for
// the whole process, which is the CLI's alone: the app never loads this file.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// 1. prisma/orm#27403: the engine's catalog queries return `name` (OID 19) and
//    `char` (OID 18) columns that adapter-pg cannot map, so `migrate deploy` on a
//    fresh database fails with "Column type 'name' could not be deserialized".
//    Results report those columns as text (OID 25). Both forms of
//    Client.query are wrapped: pg's Pool calls the callback form.
const TEXT_OID = 25;
type Fields = { dataTypeID: number }[];
function relabel<T>(result: T): T {
  const fields = (result as { fields?: Fields } | undefined)?.fields;
  for (const f of fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = TEXT_OID;
  return result;
}
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const callback = args[last] as (err: unknown, res: unknown) => void;
    args[last] = (err: unknown, res: unknown) => callback(err, err ? res : relabel(res));
    return originalQuery.apply(this, args);
  }
  const out = originalQuery.apply(this, args);
  return out instanceof Promise ? out.then(relabel) : out;
};

// 2. The WebAssembly schema engine arms a 10 s timer it never clears, so every
//    CLI command lingers 10 s after its work is done. Long timers must not
//    keep the CLI alive: open sockets still do while a query is running.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
  const timer = originalSetTimeout(fn, ms, ...rest);
  if ((ms ?? 0) >= 5_000) (timer as unknown as { unref?: () => void }).unref?.();
  return timer;
}) as typeof setTimeout;

// 3. `prisma migrate dev`'s shadow database (the npm scripts do not run migrate dev;
//    scripts/lib/new-migration.ts says why). The stock adapter connects to it with
//    `{ ...config, database }`, and with a connection string that override is
//    ignored; and it drops the database before closing its pool, which PostgreSQL
//    refuses while connections remain. This one connects by fields, and on dispose
//    closes the pool first, then drops the database WITH (FORCE).
class ShadowAwarePrismaPg extends PrismaPg {
  constructor(private readonly url: string) {
    // The CLI never closes its pool: idle connections must not hold it open.
    super({ connectionString: url, allowExitOnIdle: true });
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const u = new URL(this.url);
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const shadow = new PrismaPg({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database,
      allowExitOnIdle: true,
    });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client({ connectionString: this.url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start and npm test set it for you)");
    return new ShadowAwarePrismaPg(url);
  },
});
