// Keeps the embedded PostgreSQL running under `npm start`: when it stops on its own (killed,
// crashed, out of memory), the supervisor says so in one line with its last log lines, and
// starts it again on the same data folder and port, a few times with growing pauses. The
// app's connection pools open new connections by themselves once it is back. When it
// cannot be brought back, `failed` gives the one line that stops the whole start.
import type { EmbeddedServer } from "./postgres.ts";

export type SupervisedPostgres = {
  /** The server as it runs now (a restart replaces it). */
  current(): EmbeddedServer;
  /** Resolves with one line when PostgreSQL stopped and could not be started again. */
  failed: Promise<string>;
  stop(): Promise<void>;
};

/** Pauses before each restart; a server that then ran for a minute starts the count again. */
export const RESTART_PAUSES_MS = [500, 1_000, 2_000, 4_000, 8_000];

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
  const failed = (async (): Promise<string> => {
    let tries = 0;
    for (;;) {
      const startedAt = Date.now();
      const { code, signal } = await server.exited;
      if (stopping) return new Promise<string>(() => {});
      if (Date.now() - startedAt > 60_000) tries = 0;
      const last = server.lastLog(5).map((l) => `    ${l}`);
      print(
        [
          `PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again. Its last log lines (${server.logFile}):`,
          ...last,
        ].join("\n"),
      );
      for (;;) {
        if (tries >= pauses.length)
          return `PostgreSQL stopped and could not be started again after ${tries} tries: see ${server.logFile}`;
        await pause(pauses[tries]!);
        tries += 1;
        if (stopping) return new Promise<string>(() => {});
        try {
          restarting = restart();
          server = await restarting;
          if (stopping) return new Promise<string>(() => {});
          print(`PostgreSQL is running again on port ${server.port}`);
          break;
        } catch (err) {
          print(
            `  Starting PostgreSQL again failed (try ${tries}): ${err instanceof Error ? err.message : String(err)}`,
          );
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
