// createDirectApi as scripts/server.ts uses it, on a small build of its own in a temp
// folder (manifests and route modules in the shape Next 16 writes them), behind a real
// node:http server: what a handler gets, what the response carries, what goes to Next.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDirectApi } from "@/lib/http/direct-api";

const root = mkdtempSync(path.join(tmpdir(), "lms-direct-api-"));
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const route = (page: string, regex: string, routeKeys: Record<string, string> = {}) => ({
  page,
  regex,
  namedRegex: regex,
  routeKeys,
});

write(
  ".next/server/pages-manifest.json",
  JSON.stringify({
    "/_app": "pages/_app.js",
    "/api/echo/[id]": "pages/api/echo/[id].js",
    "/api/broken": "pages/api/broken.js",
    "/api/parsed": "pages/api/parsed.js",
  }),
);
write(
  ".next/routes-manifest.json",
  JSON.stringify({
    basePath: "",
    redirects: [{ regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))/$" }],
    headers: [
      { regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    ],
    rewrites: { beforeFiles: [], afterFiles: [], fallback: [] },
    staticRoutes: [route("/api/broken", "^/api/broken(?:/)?$"), route("/api/parsed", "^/api/parsed(?:/)?$")],
    dynamicRoutes: [route("/api/echo/[id]", "^/api/echo/(?<nxtPid>[^/]+?)(?:/)?$", { nxtPid: "nxtPid" })],
  }),
);
write(".next/server/functions-config-manifest.json", JSON.stringify({ version: 1, functions: {} }));
write(".next/server/middleware-manifest.json", JSON.stringify({ version: 3, middleware: {} }));
// A Turbopack route file exports a promise of its module.
write(
  ".next/server/pages/api/echo/[id].js",
  `module.exports = Promise.resolve({ config: { api: { bodyParser: false } }, default: async (req, res) => {
     res.writeHead(200, { "Content-Type": "application/json" });
     res.end(JSON.stringify({ method: req.method, query: req.query, cookies: req.cookies }));
   } });`,
);
write(
  ".next/server/pages/api/broken.js",
  `module.exports = { config: { api: { bodyParser: false } }, default: async () => { throw new Error("the database is down"); } };`,
);
// Leaves its body to Next's parser: Next serves it.
write(".next/server/pages/api/parsed.js", `module.exports = { default: async (req, res) => res.end("direct") };`);

let server: Server;
let base = "";
let pages: string[] = [];
beforeAll(async () => {
  const direct = await createDirectApi(root, createRequire(path.join(process.cwd(), "package.json")));
  pages = direct.pages;
  server = createServer((req, res) => {
    if (!direct.handle(req, res)) res.writeHead(299).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe("direct API behind a server", () => {
  it("calls only the routes whose module reads its own body", () => {
    expect(pages).toEqual(["/api/broken", "/api/echo/[id]"]);
  });

  it("gives the handler the path's and the query string's parameters (the path's win) and the cookies, and sets the build's headers", async () => {
    const response = await fetch(`${base}/api/echo/a%2Fb?x=1&x=2&id=spoofed&q=%C3%A9`, {
      method: "PUT",
      headers: { Cookie: "authjs.session-token=abc; other=%20two" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(await response.json()).toEqual({
      method: "PUT",
      query: { x: ["1", "2"], id: "a/b", q: "é" },
      cookies: { "authjs.session-token": "abc", other: " two" },
    });
  });

  it("answers 500 and logs when the handler fails", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await fetch(`${base}/api/broken`, { method: "POST" });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("Internal Server Error");
    expect(String(log.mock.calls[0]?.[0])).toContain("the database is down");
    log.mockRestore();
  });

  it.each(["/api/parsed", "/api/echo/x/", "/api/unknown", "/api/echo/x/y", "/"])("leaves %s to Next", async (url) => {
    const response = await fetch(`${base}${url}`, { redirect: "manual" });
    expect([response.status, await response.text()]).toEqual([299, "next"]);
  });
});

describe("direct API on a build it cannot read", () => {
  it("leaves everything to Next and says why", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const empty = mkdtempSync(path.join(tmpdir(), "lms-direct-api-empty-"));
    try {
      const direct = await createDirectApi(empty, createRequire(path.join(process.cwd(), "package.json")));
      expect(direct.pages).toEqual([]);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^The JSON API goes through Next's router: .*ENOENT/);
    } finally {
      warn.mockRestore();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
