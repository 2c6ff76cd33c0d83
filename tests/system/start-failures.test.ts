// `npm start` that cannot start: one line saying why and what to do (besides npm's
// banner, and PostgreSQL's stop when it had started), exit code 1, nothing left running.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/lib/postgres";
import { getFreePort } from "@/scripts/lib/ports";
import { freshFolder, ownLines, query, start, waitForLine, type Run } from "./support";

const asRoot = process.getuid?.() === 0;
const AS_ROOT = `PostgreSQL runs as the system user "postgres" here (it does not run as root), which`;

async function listenOn(port: number, host?: string): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return server;
}

async function expectFailure(run: Run, lines: string[]) {
  const code = await run.exited;
  expect(ownLines(run.output())).toEqual(lines);
  expect(code).toBe(1);
  expect(run.leftovers()).toEqual([]);
}

/** A data folder PostgreSQL has set up (initdb), with no server running on it. */
async function initialisedDataFolder(): Promise<string> {
  const dataDir = path.join(freshFolder(), "pg");
  const server = await startEmbeddedPostgres({ dataDir, port: 0 });
  await server.stop();
  return dataDir;
}

// Generous: a start on a fresh data folder takes 20-80 s on a busy 2-core machine.
describe(
  "npm start that cannot start says why in one line, exits with 1 and leaves nothing running",
  { timeout: 300_000 },
  () => {
    it("when the app's port is taken before it starts, without starting PostgreSQL", async () => {
      const blocker = await listenOn(0);
      const port = (blocker.address() as net.AddressInfo).port;
      const dataDir = path.join(freshFolder(), "pg");
      try {
        const run = start({ PORT: String(port), EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
        await expectFailure(run, [
          `Port ${port} (the app) is already in use: stop what uses it or set PORT to another port`,
        ]);
      } finally {
        blocker.close();
      }
      expect(existsSync(dataDir)).toBe(false);
    });

    it("when the app's port is taken after PostgreSQL started", async () => {
      const dataDir = path.join(freshFolder(), "pg");
      const port = await getFreePort();
      const run = start({ PORT: String(port), EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
      // Printed once PostgreSQL runs; migrations and the seed come before the app's server.
      const pgPort = (await waitForLine(run, /PostgreSQL 17 \(embedded\) on port (\d+)/))[1];
      const blocker = await listenOn(port);
      try {
        await expectFailure(run, [
          `PostgreSQL 17 (embedded) on port ${pgPort}, data in ${dataDir}`,
          "  All migrations have been successfully applied.",
          "Seeded the demo cohort and the admin (admin@example.org)",
          `Port ${port} (the app) is already in use: stop what uses it or set PORT to another port`,
          "Stopping PostgreSQL...",
        ]);
      } finally {
        blocker.close();
      }
      expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    });

    it("when the embedded PostgreSQL's port is taken", async () => {
      const blocker = await listenOn(0, "127.0.0.1");
      const pgPort = (blocker.address() as net.AddressInfo).port;
      const dataDir = path.join(freshFolder(), "pg");
      try {
        const run = start({ PORT: "0", EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DATA_DIR: dataDir });
        await expectFailure(run, [
          `Port ${pgPort} (the embedded PostgreSQL) is already in use: stop what uses it or set EMBEDDED_PG_PORT to another port`,
        ]);
      } finally {
        blocker.close();
      }
    });

    it("when DATABASE_URL names a server that accepts connections but never answers", async () => {
      // A silent listener: it takes the connection and says nothing.
      const silent = await listenOn(0, "127.0.0.1");
      const sockets: net.Socket[] = [];
      silent.on("connection", (s) => sockets.push(s));
      const port = (silent.address() as net.AddressInfo).port;
      try {
        const run = start({
          PORT: "0",
          DATABASE_URL: `postgresql://lms:secret@127.0.0.1:${port}/lms`,
          DB_CONNECT_TIMEOUT_MS: "1000",
        });
        await expectFailure(run, [
          `The PostgreSQL server in DATABASE_URL (127.0.0.1:${port}) did not answer within 2 s: check the address, and that PostgreSQL runs there`,
        ]);
      } finally {
        for (const s of sockets) s.destroy();
        silent.close();
      }
    });

    it("when DATABASE_URL names a port where nothing listens", async () => {
      const port = await getFreePort();
      const run = start({ PORT: "0", DATABASE_URL: `postgresql://lms:secret@127.0.0.1:${port}/lms` });
      await expectFailure(run, [
        `The PostgreSQL server in DATABASE_URL (127.0.0.1:${port}) refused the connection: check the address, and that PostgreSQL runs there`,
      ]);
    });

    it("when PostgreSQL already runs on the data folder, which it leaves running", async () => {
      const dataDir = path.join(freshFolder(), "pg");
      const other = await startEmbeddedPostgres({ dataDir, port: 0 });
      try {
        const pid = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0];
        const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
        await expectFailure(run, [
          `PostgreSQL (pid ${pid}) is already running on ${dataDir}: stop the other "npm start" (or run: kill ${pid}) and try again`,
        ]);
        expect(await query(other.url("postgres"), "SELECT 1 AS up")).toEqual([{ up: 1 }]);
      } finally {
        await other.stop();
      }
    });

    it("when PostgreSQL's user cannot enter a folder above the data folder", async () => {
      // As root: a folder of mode 700, as root's home directory is; otherwise one of mode 000.
      const closed = path.join(freshFolder(), "closed");
      mkdirSync(closed, { mode: asRoot ? 0o700 : 0o000 });
      const dataDir = path.join(closed, "pg");
      const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
      await expectFailure(run, [
        asRoot
          ? `${AS_ROOT} cannot enter ${closed}, where its data folder is: run chmod o+x ${closed}, or set EMBEDDED_PG_DATA_DIR to a folder outside it`
          : `The data folder ${dataDir} is inside ${closed}, which user "${userInfo().username}" cannot enter: make it enterable, or set EMBEDDED_PG_DATA_DIR to another folder`,
      ]);
      chmodSync(closed, 0o700); // so that it can be looked into, and removed
      expect(existsSync(dataDir)).toBe(false);
    });

    it("when the data folder would be under a file", async () => {
      const file = path.join(freshFolder(), "a-file");
      writeFileSync(file, "");
      const dataDir = path.join(file, "pg");
      const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
      await expectFailure(run, [
        `The data folder ${dataDir} cannot be created (${file} is a file): set EMBEDDED_PG_DATA_DIR to another folder`,
      ]);
    });

    it("when the data folder cannot be created (under /proc, where creating a folder fails with ENOENT)", async () => {
      const parent = `/proc/lms-${randomBytes(4).toString("hex")}`;
      const dataDir = path.join(parent, "pg");
      const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
      await expectFailure(run, [
        `The data folder ${dataDir} cannot be created (/proc does not take new folders): set EMBEDDED_PG_DATA_DIR to another folder`,
      ]);
    });

    it("when PostgreSQL's user cannot write to the data folder", async () => {
      const dataDir = await initialisedDataFolder();
      chmodSync(dataDir, 0o555);
      const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", EMBEDDED_PG_DATA_DIR: dataDir });
      await expectFailure(run, [
        asRoot
          ? `${AS_ROOT} cannot write to its data folder ${dataDir}: make the folder writable for that user, or set EMBEDDED_PG_DATA_DIR to another folder`
          : `The data folder ${dataDir} is not writable for user "${userInfo().username}": make it writable, or set EMBEDDED_PG_DATA_DIR to another folder`,
      ]);
    });
  },
);
