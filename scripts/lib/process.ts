import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** The commands run() and runPrisma() have under way, which stopRunning() stops. */
const running = new Set<ChildProcess>();

/** Keeps `child` among those stopRunning() stops, until it exits. */
export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** Stops the commands under way (a migration, a build) when the start is stopped. */
export async function stopRunning(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, args, { stdio: "inherit", env }));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Asks a child to stop, and kills it when it has not within the grace period. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * The fields of a Linux /proc/<pid>/stat (or /proc/<pid>/task/<tid>/stat) file after the
 * command name, which is in parentheses and may itself hold spaces and parentheses: the
 * file's field n (as proc(5) numbers them) is [n - 3], e.g. the parent's pid (4) is [1].
 */
export function procStatFields(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return text
    .slice(text.lastIndexOf(")") + 2)
    .trim()
    .split(" ");
}
