// The embedded PostgreSQL's supervisor, on stand-in servers whose exits the test decides:
// a server that stops on its own is started again, a few times at most; one that cannot
// be brought back ends in one line; a stop during a pause starts nothing.
import { describe, expect, it } from "vitest";
import type { EmbeddedServer } from "@/scripts/lib/postgres";
import { supervisePostgres } from "@/scripts/lib/postgres-supervisor";

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** A stand-in server: `die` makes it exit on its own; stop() makes it exit as asked. */
function standIn(port: number) {
  let exit!: (e: Exit) => void;
  const exited = new Promise<Exit>((resolve) => (exit = resolve));
  let stopped = false;
  const server: EmbeddedServer = {
    port,
    url: (db) => `postgresql://127.0.0.1:${port}/${db}`,
    createDatabase: async () => {},
    async stop() {
      stopped = true;
      exit({ code: 0, signal: null });
    },
    exited,
    logFile: "/data/pg/log/postgresql.log",
    lastLog: () => ["LOG:  database system is ready to accept connections"],
  };
  return { server, die: (signal: NodeJS.Signals) => exit({ code: null, signal }), stopped: () => stopped };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("supervisePostgres", () => {
  it("starts a server that stopped on its own again, and says so with its last log lines", async () => {
    const first = standIn(5432);
    const second = standIn(5432);
    const lines: string[] = [];
    const supervised = supervisePostgres(
      first.server,
      async () => second.server,
      (l) => lines.push(l),
      [0, 0],
    );
    first.die("SIGKILL");
    await tick();
    expect(supervised.current()).toBe(second.server);
    expect(lines).toEqual([
      "PostgreSQL stopped unexpectedly (SIGKILL); starting it again. Its last log lines (/data/pg/log/postgresql.log):\n    LOG:  database system is ready to accept connections",
      "PostgreSQL is running again on port 5432",
    ]);
    await supervised.stop();
    expect(second.stopped()).toBe(true);
  });

  it("gives up after its tries with one line, reporting each failed try", async () => {
    const first = standIn(5432);
    const lines: string[] = [];
    let tries = 0;
    const supervised = supervisePostgres(
      first.server,
      async () => {
        tries += 1;
        throw new Error("FATAL:  pre-existing shared memory block is still in use");
      },
      (l) => lines.push(l),
      [0, 0, 0],
    );
    first.die("SIGKILL");
    expect(await supervised.failed).toBe(
      "PostgreSQL stopped and could not be started again after 3 tries: see /data/pg/log/postgresql.log",
    );
    expect(tries).toBe(3);
    expect(lines.slice(1)).toEqual(
      [1, 2, 3].map(
        (n) =>
          `  Starting PostgreSQL again failed (try ${n}): FATAL:  pre-existing shared memory block is still in use`,
      ),
    );
  });

  it("starts nothing when stopped, whether the server exits as asked or during a pause", async () => {
    const asked = standIn(5432);
    let restarts = 0;
    const restart = async () => {
      restarts += 1;
      return standIn(5432).server;
    };
    const quiet = supervisePostgres(asked.server, restart, () => {}, [0]);
    await quiet.stop();
    await tick();

    const paused = standIn(5433);
    const waiting = supervisePostgres(paused.server, restart, () => {}, [60_000]);
    paused.die("SIGKILL");
    await tick();
    await waiting.stop();
    await tick();
    expect(restarts).toBe(0);
  });
});
