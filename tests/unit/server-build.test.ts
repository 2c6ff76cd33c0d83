import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { afterAll, describe, expect, it } from "vitest";
import { pdfWorkerFile } from "@/lib/certificates/pdf-pool";
import { compilePdfWorker, compileServer, compileWorker } from "@/scripts/lib/server-build";
import { ROOT } from "@/scripts/lib/paths";
import { SAMPLE_CERTIFICATE } from "@/tests/support/certificate-fixture";

const folder = mkdtempSync(path.join(tmpdir(), "server-build-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The module specifiers a compiled file imports, statically or with import(). */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^import\s[^"';]*?from\s*|^import\s*|\bimport\(\s*)"([^"]+)"/gm)) found.add(m[1]!);
  return [...found];
}

describe.each([
  { name: "server", compile: compileServer, routed: "lib/participant-api/router.ts", packages: 10 },
  { name: "job worker", compile: compileWorker, routed: "lib/jobs/tasks.ts", packages: 10 },
  { name: "PDF threads' task", compile: compilePdfWorker, routed: "lib/certificates/pdf.ts", packages: 5 },
])("the compiled $name (scripts/lib/server-build.ts)", ({ name, compile, routed, packages }) => {
  const outdir = path.join(folder, name.replace(/\W+/g, "-"));
  const outfile = path.join(outdir, "out.mjs");
  compile(ROOT, outfile);
  // The file and the chunks it loads (the worker's), each import of one chunk by another set apart.
  const files = readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
  const code = files.map((f) => readFileSync(path.join(outdir, f), "utf8")).join("\n");
  const chunkImports = files.flatMap((f) =>
    importsOf(readFileSync(path.join(outdir, f), "utf8"))
      .filter((s) => s.startsWith("./"))
      .map((s) => path.join(path.dirname(path.join(outdir, f)), s)),
  );
  const imports = importsOf(code).filter((s) => !s.startsWith("./"));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const packageOf = (specifier: string) =>
    specifier
      .split("/")
      .slice(0, specifier.startsWith("@") ? 2 : 1)
      .join("/");

  it("imports only Node.js's own modules and the packages the app depends on at run time", () => {
    expect(imports.length).toBeGreaterThan(packages);
    const builtins = new Set(builtinModules);
    const foreign = imports.filter(
      (s) => !s.startsWith("node:") && !builtins.has(s) && !(packageOf(s) in manifest.dependencies),
    );
    expect(foreign).toEqual([]);
  });

  it("has the app's own code compiled in: no relative, TypeScript or `@/` imports are left, but of its own chunks", () => {
    expect(imports.filter((s) => s.startsWith(".") || s.startsWith("@/") || /\.tsx?$/.test(s))).toEqual([]);
    expect(chunkImports.filter((file) => !existsSync(file) || !file.startsWith(`${outdir}/`))).toEqual([]);
    // Code of lib/ that it runs is in the file itself.
    expect(code).toContain(routed);
  });

  it("has lib's server-only marker resolved to nothing, as in Next's server bundles", () => {
    expect(imports).not.toContain("server-only");
    expect(code).not.toContain("This module cannot be imported from a Client Component module");
  });

  it("has every import found as a file by Node.js's own loader from the project's folder", () => {
    // import.meta.resolve finds the file an import names without checking it is one; Node.js
    // imports no folder by its name, which a loader such as tsx's lets pass.
    const check = `import { statSync } from "node:fs";
      for (const s of ${JSON.stringify(imports)}) {
        try {
          const url = import.meta.resolve(s);
          if (url.startsWith("file:") && !statSync(new URL(url)).isFile()) console.log(s + ": a folder");
        } catch (e) { console.log(s + ": " + (e.code ?? e.message)); }
      }`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", check], { cwd: ROOT, encoding: "utf8" });
    expect([run.status, run.stderr, run.stdout]).toEqual([0, "", ""]);
  });
});

it("[WORKER]: the compiled job worker loads the queue, Prisma and the mail's packages only once it runs, from chunks of its own", () => {
  const outdir = path.join(folder, "lazy");
  compileWorker(ROOT, path.join(outdir, "worker.mjs"));
  const entry = readFileSync(path.join(outdir, "worker.mjs"), "utf8");
  // What loads before its first line runs: its static imports, and theirs.
  const staticImports = (code: string) =>
    [...code.matchAll(/^import\s(?:[^"';]*?from\s*)?"([^"]+)"/gm)].map((m) => m[1]!);
  const eager: string[] = [];
  const pending = staticImports(entry).map((s) => ({ from: outdir, s }));
  while (pending.length > 0) {
    const { from, s } = pending.pop()!;
    if (!s.startsWith("./")) eager.push(s);
    else {
      const file = path.join(from, s);
      pending.push(...staticImports(readFileSync(file, "utf8")).map((t) => ({ from: path.dirname(file), s: t })));
    }
  }
  expect(eager.filter((s) => !s.startsWith("node:"))).toEqual([]);
  const lazy = [...entry.matchAll(/\bimport\(\s*"(\.\/chunks\/[^"]+)"/g)].map((m) => m[1]!);
  expect(lazy).toHaveLength(2);
  const loaded = lazy.flatMap((chunk) => importsOf(readFileSync(path.join(outdir, chunk), "utf8")));
  expect(loaded).toEqual(expect.arrayContaining(["graphile-worker", "nodemailer"]));
});

it("[CERTIFICATE]: the compiled PDF threads' task renders a certificate in a pool of Node.js threads, with no TypeScript loader", async () => {
  // In the project's folder, where Node.js finds the packages it imports.
  mkdirSync(path.join(ROOT, ".server"), { recursive: true });
  const outdir = mkdtempSync(path.join(ROOT, ".server/pdf-task-"));
  const outfile = path.join(outdir, "pdf-worker.mjs");
  compilePdfWorker(ROOT, outfile);
  expect(readFileSync(outfile, "utf8")).not.toContain("tsx");
  const pool = new Piscina({ filename: outfile, minThreads: 1, maxThreads: 1 });
  try {
    const bytes: Uint8Array = await pool.run({ ...SAMPLE_CERTIFICATE, code: "ECOSF-21-7K4M-Q9XT" });
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(10_000);
  } finally {
    await pool.destroy();
    rmSync(outdir, { recursive: true, force: true });
  }
});

describe("pdfWorkerFile: which task file the PDF threads run", () => {
  const cwd = mkdtempSync(path.join(tmpdir(), "pdf-worker-file-"));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const compiled = path.join(cwd, ".server/pdf-worker.mjs");
  const source = path.join(cwd, "lib/certificates/pdf-worker.mjs");

  it.each<[string, string | undefined, boolean, string]>([
    ["production, compiled", "production", true, compiled],
    ["production, not compiled (next start alone)", "production", false, source],
    ["development, a compiled file left from a start", "development", true, source],
    ["tests", "test", true, source],
  ])("%s", (_, nodeEnv, present, expected) => {
    rmSync(path.join(cwd, ".server"), { recursive: true, force: true });
    if (present) {
      mkdirSync(path.dirname(compiled), { recursive: true });
      writeFileSync(compiled, "");
    }
    expect(pdfWorkerFile({ NODE_ENV: nodeEnv }, cwd)).toBe(expected);
  });
});
