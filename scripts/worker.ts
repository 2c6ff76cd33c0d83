// `npm run worker`: the job queue's worker as a process of its own, run from its source
// (scripts/lib/worker-main.ts), for deployments with several app servers on one PostgreSQL.
// With the embedded PostgreSQL there is one app server, and it starts the worker itself.
import { register } from "node:module";

// lib/ imports "server-only": in this process it resolves as in Next's server bundles. The
// hook is registered before the worker's modules are loaded, hence the import() after it.
register("./lib/server-only-hooks.mjs", import.meta.url);
await import("./lib/worker-main.ts");
