import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileServer } from "@/scripts/lib/server-build";
import { ROOT } from "@/scripts/lib/paths";

const folder = mkdtempSync(path.join(tmpdir(), "server-build-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The module specifiers a compiled file imports, statically or with import(). */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^import\s[^"';]*?from\s*|^import\s*|\bimport\(\s*)"([^"]+)"/gm)) found.add(m[1]!);
  return [...found];
}

describe("the compiled server (scripts/lib/server-build.ts)", () => {
  const outfile = path.join(folder, "server.mjs");
  compileServer(ROOT, outfile);
  const code = readFileSync(outfile, "utf8");
  const imports = importsOf(code);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const packageOf = (specifier: string) =>
    specifier
      .split("/")
      .slice(0, specifier.startsWith("@") ? 2 : 1)
      .join("/");

  it("imports only Node.js's own modules and the packages the app depends on at run time", () => {
    expect(imports.length).toBeGreaterThan(10);
    const builtins = new Set(builtinModules);
    const foreign = imports.filter(
      (s) => !s.startsWith("node:") && !builtins.has(s) && !(packageOf(s) in manifest.dependencies),
    );
    expect(foreign).toEqual([]);
  });

  it("has the app's own code compiled in: no relative, TypeScript or `@/` imports are left", () => {
    expect(imports.filter((s) => s.startsWith(".") || s.startsWith("@/") || /\.tsx?$/.test(s))).toEqual([]);
    // Code of lib/ that the server routes to is in the file itself.
    expect(code).toContain("lib/participant-api/router.ts");
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
