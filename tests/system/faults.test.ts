// Faults around `npm start` with no one at the keyboard: PostgreSQL killed outright is
// started again and the app serves again by itself; a stop lets a request in flight finish;
// the supervisor killed outright leaves nothing running (PostgreSQL's guard, the app's
// IPC channel and the worker each notice). Each test has its own data folder and ports.
import { execFileSync, spawnSync } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/lib/postgres";
import {
  freshFolder,
  lmsUrl,
  pidOf,
  postmasterPid,
  query,
  ROOT,
  SERVER,
  start,
  waitForLine,
  waitForReady,
} from "./support";

const ANY_PORT = { PORT: "0", EMBEDDED_PG_PORT: "0" };
// A start on a fresh data folder takes 20-80 s on a busy 2-core machine; a slower one must not fail.
const ONE_START_MS = 300_000;

/**
 * GET on a connection of its own (no keep-alive), resolving with the status and body, or the
 * error; `sent` is called once the request is written to the connection.
 */
function get(
  port: number,
  pathname: string,
  sent?: () => void,
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", (err) => resolve({ error: err.message }));
    });
    req.on("error", (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    if (sent) req.on("finish", sent);
  });
}

/** A TCP connection to `port`, closed at once: "connected", or the error's code. */
function connect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/**
 * Whether the server listening on `port` has open connections and has read all that was sent
 * on them (Linux's socket table: the receive queue of each of its established sockets is
 * empty): a request written to one has reached the app.
 */
function serverHasRead(port: number): boolean {
  const local = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  let open = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue ...; st 01 is ESTABLISHED.
      const [, address, , state, queues] = line.trim().split(/\s+/);
      if (!address?.endsWith(local) || state !== "01") continue;
      open += 1;
      if (parseInt(queues!.split(":")[1]!, 16) > 0) return false;
    }
  }
  return open > 0;
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("npm start under faults", { timeout: ONE_START_MS }, () => {
  it("starts PostgreSQL again when it is killed, says so with its last log lines, and serves again without anyone acting", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const { port, pgPort } = await waitForReady(run);
    await query(
      lmsUrl(dataDir, pgPort!),
      "INSERT INTO users (id, email, updated_at) VALUES ('kept', 'kept@example.org', now())",
    );

    process.kill(postmasterPid(dataDir), "SIGKILL");
    await waitForLine(
      run,
      /PostgreSQL stopped unexpectedly \(SIGKILL\); starting it again\. Its last log lines \((.+)\):/,
    );
    expect(run.output()).toContain(`Its last log lines (${path.join(dataDir, "log/postgresql.log")}):`);
    await waitForLine(run, new RegExp(`PostgreSQL is running again on port ${pgPort}`), 60_000);
    // The app's pools open new connections by themselves.
    const health = await eventually(
      () => get(port, "/api/health"),
      (r) => "status" in r && r.status === 200,
    );
    expect(health).toMatchObject({ status: 200 });
    expect(await query(lmsUrl(dataDir, pgPort!), "SELECT email FROM users WHERE id = 'kept'")).toEqual([
      { email: "kept@example.org" },
    ]);
    // PostgreSQL's own log is in the data folder, with the restart in it.
    const log = readFileSync(path.join(dataDir, "log/postgresql.log"), "utf8");
    expect(log).toMatch(/database system was interrupted|was not properly shut down/);

    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.leftovers()).toEqual([]);
  });

  it("lets a request in flight finish when it is stopped, and takes no new ones", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const { port } = await waitForReady(run);
    const pg = postmasterPid(dataDir);
    // PostgreSQL paused: a health check waits for its answer, in flight.
    process.kill(pg, "SIGSTOP");
    let resumed = false;
    try {
      let sent!: () => void;
      const written = new Promise<void>((resolve) => (sent = resolve));
      const inFlight = get(port, "/api/health", sent);
      await written;
      // Stopped only once the app has read the request, however busy the machine.
      expect(await eventually(async () => serverHasRead(port), Boolean)).toBe(true);
      process.kill(run.child.pid!, "SIGTERM");
      expect(
        await eventually(
          () => connect(port),
          (code) => code === "ECONNREFUSED",
        ),
      ).toBe("ECONNREFUSED");
      process.kill(pg, "SIGCONT");
      resumed = true;
      expect(await inFlight).toMatchObject({ status: 200 });
    } finally {
      if (!resumed) process.kill(pg, "SIGCONT");
    }
    expect(await run.exited).toBe(0);
    expect(run.leftovers()).toEqual([]);
  });

  it("starts the app's server again when it is killed, and serves again without anyone acting", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const { port } = await waitForReady(run);
    process.kill(pidOf(run, SERVER), "SIGKILL");
    await waitForLine(run, /The app stopped unexpectedly \(SIGKILL\); starting it again/, 30_000);
    await waitForLine(run, new RegExp(`The app is serving again on http://localhost:${port}`), 120_000);
    expect(await get(port, "/api/health")).toMatchObject({ status: 200 });
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.leftovers()).toEqual([]);
  });

  it("has a job worker whose server is gone before it has started stop at once, without touching the database", () => {
    // As after a server killed while its worker was still loading: the worker's parent is
    // not the server that named itself (scripts/lib/worker-process.ts).
    const notTheParent = String(process.pid + 1_000_000);
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: ROOT,
      env: { ...process.env, LMS_WORKER_OF_SERVER: notTheParent, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect([result.status, result.signal, result.stderr]).toEqual([0, null, ""]);
  });

  it("answers 503 within its timeouts while PostgreSQL hangs, and serves again once it answers", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({
      ...ANY_PORT,
      EMBEDDED_PG_DATA_DIR: dataDir,
      DB_CONNECT_TIMEOUT_MS: "1000",
      DB_QUERY_TIMEOUT_MS: "2000",
    });
    const { port } = await waitForReady(run);
    const pg = postmasterPid(dataDir);
    // More requests than the pool has connections: some wait for one, the others for PostgreSQL.
    const submit = () =>
      fetch(`http://127.0.0.1:${port}/api/attempts/a1/submit`, {
        method: "POST",
        headers: {
          origin: `http://localhost:${port}`,
          "content-type": "application/json",
          cookie: "authjs.session-token=no-such-session",
        },
        body: "{}",
      }).then(async (r) => [r.status, await r.text(), r.headers.get("retry-after")]);
    process.kill(pg, "SIGSTOP");
    let resumed = false;
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 15 }, submit));
      const seconds = (Date.now() - started) / 1000;
      expect(answers).toEqual(Array(15).fill([503, '{"error":"unavailable"}', "30"]));
      // Connect 1 s, statement 2 s and the client's 5 s more: well under a minute.
      expect(seconds).toBeLessThan(30);
      process.kill(pg, "SIGCONT");
      resumed = true;
      const after = await eventually(submit, (a) => a[0] === 401, 30_000);
      expect(after).toEqual([401, '{"error":"sign-in-required"}', null]);
    } finally {
      if (!resumed) process.kill(pg, "SIGCONT");
    }
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("stops a migration under way when it is stopped, leaving nothing behind", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    await waitForLine(run, /PostgreSQL 17 \(embedded\) on port/);
    // Stopped while the migrations' own process (the Prisma CLI) runs.
    const migrating = await eventually(
      async () => run.leftovers().some((l) => /prisma/.test(l) && /migrate/.test(l)),
      (yes) => yes,
      60_000,
    );
    expect(migrating).toBe(true);
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.leftovers()).toEqual([]);
  });

  it("starts on a data folder whose first start was killed during initdb", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const first = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const initdb = await eventually(
      async () => first.leftovers().some((l) => /\binitdb\b/.test(l)),
      (yes) => yes,
      60_000,
    );
    expect(initdb).toBe(true);
    process.kill(pidOf(first, "scripts/start.ts"), "SIGKILL");
    // initdb, orphaned, finishes or fails in the work folder beside the data folder; the data folder stays empty.
    await eventually(
      async () => first.leftovers().filter((l) => !l.includes("npm")),
      (l) => l.length === 0,
      60_000,
    );
    expect(readdirSync(dataDir)).toEqual([]);
    await first.exited;
    const second = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    const { port } = await waitForReady(second);
    expect(await get(port, "/api/health")).toMatchObject({ status: 200 });
    expect(readdirSync(path.dirname(dataDir))).toEqual(["pg"]);
    process.kill(second.child.pid!, "SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("leaves nothing running when the start script itself is killed outright", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const run = start({ ...ANY_PORT, EMBEDDED_PG_DATA_DIR: dataDir });
    await waitForReady(run);
    expect(run.leftovers().some((l) => l.includes("postgres"))).toBe(true);
    process.kill(pidOf(run, "scripts/start.ts"), "SIGKILL");
    const left = await eventually(
      async () => run.leftovers().filter((l) => !l.includes("npm")),
      (l) => l.length === 0,
      30_000,
    );
    expect(left).toEqual([]);
  });
});

describe("the embedded PostgreSQL's data folder", { timeout: ONE_START_MS }, () => {
  it("is made again when an interrupted first start left only what initdb writes, and named when it holds anything else", async () => {
    // What initdb had written when it was interrupted, owned by the user PostgreSQL runs as;
    // and the work folder of a first start that was killed (the pid is past any pid Linux gives).
    const dataDir = path.join(freshFolder(), "pg");
    mkdirSync(path.join(dataDir, "base"), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dataDir, "PG_VERSION"), "17\n");
    const abandoned = path.join(path.dirname(dataDir), ".pg-init-2147483647-x1");
    mkdirSync(abandoned);
    writeFileSync(path.join(abandoned, "password"), "secret\n", { mode: 0o600 });
    if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
    const server = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(await query(server.url("postgres"), "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
    expect(readdirSync(path.dirname(dataDir))).toEqual(["pg"]);

    const foreign = path.join(freshFolder(), "pg");
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "notes.txt"), "mine");
    await expect(startEmbeddedPostgres({ dataDir: foreign, port: 0 })).rejects.toThrow(
      `The data folder ${foreign} holds files but no PostgreSQL cluster: delete it (rm -rf ${foreign}) or set EMBEDDED_PG_DATA_DIR to another folder`,
    );
    expect(readdirSync(foreign)).toEqual(["notes.txt"]);
  });

  it("keeps a random superuser password readable by its owner only, and leaves no password file behind", async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith("pg-password"));
    const dataDir = path.join(freshFolder(), "pg");
    const server = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const password = new URL(server.url("postgres")).password;
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      const file = path.join(dataDir, "lms-superuser-password");
      expect(readFileSync(file, "utf8").trim()).toBe(password);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // The old fixed password no longer opens it.
      await expect(
        query(`postgresql://postgres:postgres@127.0.0.1:${server.port}/postgres`, "SELECT 1"),
      ).rejects.toThrow(/password authentication failed/);
      // A cluster made when the password was the fixed "postgres" gets a random one at its next start.
      await query(server.url("postgres"), "ALTER ROLE postgres PASSWORD 'postgres'");
      rmSync(file);
    } finally {
      await server.stop();
    }
    const again = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const password = new URL(again.url("postgres")).password;
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(readFileSync(path.join(dataDir, "lms-superuser-password"), "utf8").trim()).toBe(password);
      await expect(
        query(`postgresql://postgres:postgres@127.0.0.1:${again.port}/postgres`, "SELECT 1"),
      ).rejects.toThrow(/password authentication failed/);
    } finally {
      await again.stop();
    }
    expect(readdirSync(path.dirname(dataDir))).toEqual(["pg"]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith("pg-password"))).toEqual(before);
  });
});
