// Runs the Prisma CLI offline. Some of its commands (generate, migrate dev)
// try to download a query-engine library that the JavaScript engine never
// uses; pointing PRISMA_QUERY_ENGINE_LIBRARY at any existing file stops that.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.ts";
import { track } from "./process.ts";

const PLACEHOLDER = path.join(ROOT, "node_modules/.cache/prisma/no-query-engine.node");

type Env = Record<string, string | undefined>;

export function prismaEnv(extra: Env = {}): Env {
  if (!existsSync(PLACEHOLDER)) {
    mkdirSync(path.dirname(PLACEHOLDER), { recursive: true });
    writeFileSync(PLACEHOLDER, "");
  }
  return {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: PLACEHOLDER,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

/** Runs `prisma <args>`; resolves with its exit code, output inherited or captured. */
export function runPrisma(
  args: string[],
  opts: { env?: Env; quiet?: boolean } = {},
): Promise<{ code: number; output: string }> {
  const bin = path.join(ROOT, "node_modules/.bin/prisma");
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(bin, args, {
        cwd: ROOT,
        env: prismaEnv(opts.env) as NodeJS.ProcessEnv,
        stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      }),
    );
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}
