// Decides whether the production build or the Prisma client is older than
// the files they are made from.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.ts";

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "content",
  "messages",
  "generated",
  "next.config.js",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // catches deleted files
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function mtimeOf(file: string): number {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

export function buildIsStale(root = ROOT): boolean {
  const built = mtimeOf(path.join(root, ".next/BUILD_ID"));
  if (!built) return true;
  return BUILD_INPUTS.some((p) => newestMtime(path.join(root, p)) > built);
}

export function prismaClientIsStale(root = ROOT): boolean {
  const generated = mtimeOf(path.join(root, "generated/prisma/client.ts"));
  return generated < mtimeOf(path.join(root, "prisma/schema.prisma"));
}
