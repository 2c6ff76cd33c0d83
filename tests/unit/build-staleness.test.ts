import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsStale, prismaClientIsStale, recordBuildSettings } from "@/scripts/lib/build";

type Env = Record<string, string | undefined>;

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(rel: string, mtimeSeconds: number) {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, "x");
  utimesSync(p, mtimeSeconds, mtimeSeconds);
  utimesSync(path.dirname(p), mtimeSeconds, mtimeSeconds);
}

describe("buildIsStale (npm start rebuilds only when needed)", () => {
  it.each<[string, [string, number][], boolean]>([
    ["no build yet", [["content/lectures/01-a/lecture.md", 100]], true],
    [
      "build newer than every source",
      [
        ["app/page.tsx", 100],
        ["content/programme.yaml", 100],
        [".next/BUILD_ID", 200],
      ],
      false,
    ],
    [
      "a lecture edited after the build",
      [
        ["content/lectures/01-a/lecture.md", 300],
        [".next/BUILD_ID", 200],
      ],
      true,
    ],
    [
      "a quiz API handler in lib/ edited after the build",
      [
        ["lib/participant-api/submit-attempt.ts", 300],
        [".next/BUILD_ID", 200],
      ],
      true,
    ],
    [
      "a message catalog edited after the build",
      [
        ["messages/en.json", 300],
        [".next/BUILD_ID", 200],
      ],
      true,
    ],
    [
      "only a test edited after the build",
      [
        ["app/page.tsx", 100],
        ["tests/unit/x.test.ts", 300],
        [".next/BUILD_ID", 200],
      ],
      false,
    ],
  ])("%s", (_, files, stale) => {
    root = mkdtempSync(path.join(tmpdir(), "build-"));
    for (const [rel, t] of files) file(rel, t);
    expect(buildIsStale(root, {})).toBe(stale);
  });
});

describe("buildIsStale: the settings pages built ahead show (the organisers' address)", () => {
  const built = (env: Env) => {
    root = mkdtempSync(path.join(tmpdir(), "build-"));
    file("app/page.tsx", 100);
    file(".next/BUILD_ID", 200);
    recordBuildSettings(root, env);
  };

  it.each<[string, Env, Env, boolean]>([
    ["the same address", { CONTACT_EMAIL: "a@example.org" }, { CONTACT_EMAIL: "a@example.org" }, false],
    ["the same, but for spaces", { CONTACT_EMAIL: "a@example.org" }, { CONTACT_EMAIL: " a@example.org " }, false],
    ["unset then and now, other variables aside", {}, { PORT: "3100" }, false],
    ["another contact address", { CONTACT_EMAIL: "a@example.org" }, { CONTACT_EMAIL: "b@example.org" }, true],
    ["a contact address set since", {}, { CONTACT_EMAIL: "b@example.org" }, true],
    ["another admin address (the fallback)", { ADMIN_EMAIL: "a@example.org" }, { ADMIN_EMAIL: "b@example.org" }, true],
  ])("%s", (_, then, now, stale) => {
    built(then);
    expect(buildIsStale(root, now)).toBe(stale);
  });

  it.each<[string, Env, boolean]>([
    ["with none of them set now", { PORT: "3100" }, false],
    ["with a contact address set now", { CONTACT_EMAIL: "b@example.org" }, true],
  ])("a build without a note of its settings (npm run build) is taken as made with none: %s", (_, now, stale) => {
    root = mkdtempSync(path.join(tmpdir(), "build-"));
    file("app/page.tsx", 100);
    file(".next/BUILD_ID", 200);
    expect(buildIsStale(root, now)).toBe(stale);
  });
});

describe("prismaClientIsStale", () => {
  it.each<[string, [string, number][], boolean]>([
    ["never generated", [["prisma/schema.prisma", 100]], true],
    [
      "generated after the last schema change",
      [
        ["prisma/schema.prisma", 100],
        ["generated/prisma/client.ts", 200],
      ],
      false,
    ],
    [
      "schema changed since",
      [
        ["prisma/schema.prisma", 300],
        ["generated/prisma/client.ts", 200],
      ],
      true,
    ],
  ])("%s", (_, files, stale) => {
    root = mkdtempSync(path.join(tmpdir(), "prisma-"));
    for (const [rel, t] of files) file(rel, t);
    expect(prismaClientIsStale(root)).toBe(stale);
  });
});
