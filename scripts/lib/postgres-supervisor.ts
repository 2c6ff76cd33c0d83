// Keeps the embedded PostgreSQL running under `npm start`: when it stops on its own (killed,
// crashed, out of memory), the supervisor says so in one line with its last log lines, and
// starts it again on the same data folder and port, a few times with growing pauses. The
// app's connection pools open new connections by themselves once it is back. When it
// cannot be brought back, `failed` gives the one line that stops the whole start.
import type { EmbeddedServer } from "./postgres.ts";
import { RESTART_PAUSES_MS, restartCounter } from "./restarts.ts";

export type SupervisedPostgres = {
  /** The server as it runs now (a restart replaces it). */
  current(): EmbeddedServer;
  /** Resolves with one line when PostgreSQL stopped and could not be started again. */
  failed: Promise<string>;
  stop(): Promise<void>;
};

export function supervisePostgres(
  first: EmbeddedServer,
  restart: () => Promise<EmbeddedServer>,
  print: (line: string) => void = (line) => console.error(line),
  pauses: readonly number[] = RESTART_PAUSES_MS,
): SupervisedPostgres {
  let server = first;
  let stopping = false;
  let wake: (() => void) | undefined;
  let restarting: Promise<EmbeddedServer> | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const tries = restartCounter(pauses);
  const failed = (async (): Promise<string> => {
    for (;;) {
      const startedAt = Date.now();
      const { code, signal } = await server.exited;
      if (stopping) return new Promise<string>(() => {});
      let wait = tries.next(Date.now() - startedAt);
      const last = server.lastLog(5).map((l) => `    ${l}`);
      print(
        [
          `PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again. Its last log lines (${server.logFile}):`,
          ...last,
        ].join("\n"),
      );
      for (;;) {
        if (wait === undefined)
          return `PostgreSQL stopped and could not be started again after ${tries.tries} tries: see ${server.logFile}`;
        await pause(wait);
        if (stopping) return new Promise<string>(() => {});
        try {
          restarting = restart();
          server = await restarting;
          if (stopping) return new Promise<string>(() => {});
          print(`PostgreSQL is running again on port ${server.port}`);
          break;
        } catch (err) {
          print(
            `  Starting PostgreSQL again failed (try ${tries.tries}): ${err instanceof Error ? err.message : String(err)}`,
          );
          wait = tries.next();
        }
      }
    }
  })();
  return {
    current: () => server,
    failed,
    async stop() {
      stopping = true;
      wake?.();
      await restarting?.catch(() => {});
      await server.stop();
    },
  };
}
