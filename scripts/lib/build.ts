// Decides whether the production build or the Prisma client is older than
// the files they are made from.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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

/**
 * Settings that pages rendered at build time show: the organisers' address in the footer
 * of the lecture and help pages (lib/site/contact.ts). A build made with other values is
 * out of date.
 */
const BUILD_SETTINGS = ["CONTACT_EMAIL", "ADMIN_EMAIL"] as const;
const SETTINGS_FILE = ".next/build-settings.json";
type Env = Record<string, string | undefined>;

function settingsOf(env: Env): string {
  return JSON.stringify(Object.fromEntries(BUILD_SETTINGS.map((k) => [k, env[k]?.trim() || null])));
}

/** Notes the settings a build was just made with; call after each successful `next build`. */
export function recordBuildSettings(root = ROOT, env: Env = process.env) {
  writeFileSync(path.join(root, SETTINGS_FILE), settingsOf(env));
}

export function buildIsStale(root = ROOT, env: Env = process.env): boolean {
  const built = mtimeOf(path.join(root, ".next/BUILD_ID"));
  if (!built) return true;
  // A build without a note (`npm run build`) is taken to be made with none of them set.
  const settings = path.join(root, SETTINGS_FILE);
  const noted = existsSync(settings) ? readFileSync(settings, "utf8") : settingsOf({});
  if (noted !== settingsOf(env)) return true;
  return BUILD_INPUTS.some((p) => newestMtime(path.join(root, p)) > built);
}

export function prismaClientIsStale(root = ROOT): boolean {
  const generated = mtimeOf(path.join(root, "generated/prisma/client.ts"));
  return generated < mtimeOf(path.join(root, "prisma/schema.prisma"));
}
