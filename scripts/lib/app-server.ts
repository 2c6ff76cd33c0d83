// The app's HTTP server (scripts/server.ts, compiled first in production) as a child process
// with an IPC channel, over which it reports the port it serves on (it may bind port 0, any
// free port) or, in one line, why it could not start. The one who started it prints that line.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import { StartupError } from "./errors.ts";
import { ROOT } from "./paths.ts";
import { COMPILED_SERVER, compileForProduction } from "./server-build.ts";

/** What scripts/server.ts sends to the process that started it. */
export type ServerReport = { ready: true; port: number } | { failed: string };

export type AppServer = {
  child: ChildProcess;
  /** The port it serves on, once it does; rejects with a StartupError when it cannot start. */
  ready: Promise<number>;
};

export function spawnAppServer(opts: {
  dev?: boolean;
  /** 0 for any free port. */
  port: number;
  env: NodeJS.ProcessEnv;
  /** Its standard output is dropped when false; its errors are always shown. */
  showOutput: boolean;
  readyWithinMs?: number;
}): AppServer {
  const stdio: StdioOptions = ["ignore", opts.showOutput ? "inherit" : "ignore", "inherit", "ipc"];
  // SERVER_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops
  // (bench/README.md says how the benches' profiles were read).
  const profile = process.env.SERVER_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.SERVER_CPU_PROF}`] : [];
  // Production runs the server and its job worker compiled (scripts/lib/server-build.ts),
  // development their source.
  if (!opts.dev) compileForProduction();
  const entry = opts.dev ? ["--import", "tsx", path.join(ROOT, "scripts/server.ts"), "--dev"] : [COMPILED_SERVER];
  const child = spawn(process.execPath, [...profile, ...entry, "--port", String(opts.port)], { stdio, env: opts.env });
  const within = opts.readyWithinMs ?? 120_000;
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StartupError(`The app's server was not ready within ${within / 1000} s`)),
      within,
    );
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      fn();
    };
    let failure: string | undefined;
    // A server that could not start says why, then exits: `ready` rejects once it has.
    child.on("message", (report: ServerReport) => {
      if ("ready" in report) settle(() => resolve(report.port));
      else failure = report.failed;
    });
    child.once("error", (err) => settle(() => reject(err)));
    child.once("exit", (code, signal) =>
      settle(() =>
        reject(
          new StartupError(
            failure ??
              `The app's server stopped before it was ready (${signal ?? `exit code ${code}`}): see the errors above`,
          ),
        ),
      ),
    );
  });
  return { child, ready };
}
