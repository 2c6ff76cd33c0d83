// The job queue's worker process (lib/jobs/worker.ts): started by the app's server
// (scripts/lib/worker-process.ts), compiled in production like the server
// (scripts/lib/server-build.ts), or from its source by `npm run worker` (scripts/worker.ts)
// for deployments with several app servers on one PostgreSQL (DATABASE_URL), each then
// started with JOB_WORKER=off. Stops on SIGTERM or Ctrl-C once the jobs under way are done.
import { filterConsoleRepeats } from "../../lib/log/repeats.ts";
import { StartupError } from "./errors.ts";

// With the database down every job fails alike: the same error is logged once a minute, with a count.
filterConsoleRepeats();

// Started by the app's server (scripts/lib/worker-process.ts), which names itself here.
const server = Number(process.env.LMS_WORKER_OF_SERVER ?? "");
const ofServer = Number.isInteger(server) && server > 0;
let worker: { stop(): Promise<void> } | undefined;
let stopped = false;

/** Lets the jobs under way finish, then exits; before the worker has started, exits at once. */
function stop() {
  if (stopped) return;
  stopped = true;
  if (!worker) process.exit(0);
  void worker.stop().finally(() => process.exit(0));
}

// A server killed outright cannot stop its worker: the worker notices it is gone, from its
// first moment, so that a server killed while the worker still starts leaves none behind.
// Asking costs one system call (getppid), so it asks four times a second: the worker of a
// killed server does not outlast it by seconds, even at the lowest priority.
if (ofServer) {
  const check = () => process.ppid !== server && stop();
  check();
  setInterval(check, 250).unref();
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new StartupError(
      "Set DATABASE_URL to the app's PostgreSQL. (With the embedded PostgreSQL, `npm start` runs the worker itself.)",
    );
  if (!process.env.AUTH_SECRET)
    throw new StartupError(
      "Set AUTH_SECRET to the app servers' own: the worker signs the unsubscribe links of the mail it sends with it.",
    );
  // What the worker runs is loaded only now, so that the check above runs from the process's
  // first moment, not once the queue, Prisma and the mail's packages are loaded (seconds at
  // the lowest priority on a busy machine). Compiled, it is in chunks of its own
  // (scripts/lib/server-build.ts). Started by the app's server, the database is migrated.
  if (!ofServer) await (await import("./database.ts")).migrate(url, { quiet: true });
  const { startWorker } = await import("../../lib/jobs/worker.ts");
  // A worker whose database connection broke stops, to start again with fresh connections:
  // under npm start the server starts it again; on its own, its supervisor does (Docker's
  // restart policy, systemd).
  const started = await startWorker(url, {
    onFatal(reason) {
      console.error(`[jobs] ${reason}; the worker stops, to be started again`);
      process.exit(1);
    },
  });
  worker = started;
  if (!ofServer)
    console.log("  Job worker running: e-mails and certificates are sent from this process. Ctrl-C stops it.");
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  await started.promise;
}

main().catch((err: unknown) => {
  console.error(err instanceof StartupError ? err.message : err);
  process.exit(1);
});
