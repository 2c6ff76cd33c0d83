// The server's router for the participant's JSON API (lib/participant-api/router.ts), on a real node:http
// server with handlers of its own: which requests it takes, what a handler gets, and how a
// handler's crash is answered.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sendJson, type ApiHandler } from "@/lib/http/api";
import { createParticipantApi, PARTICIPANT_API_ROUTES } from "@/lib/participant-api/router";

const echo: ApiHandler = async (req, res) =>
  sendJson(res, 200, { method: req.method, params: req.params, session: req.cookies["authjs.session-token"] ?? null });
const broken: ApiHandler = async () => {
  throw new Error("the database is down");
};

let server: Server;
let base: string;
beforeAll(async () => {
  const handle = createParticipantApi({ "/api/things/:id/parts/:part": echo, "/api/broken/:id": broken });
  server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(418).end("not mine");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("createParticipantApi", () => {
  it.each([
    ["GET", "/api/things/a1/parts/b2", { id: "a1", part: "b2" }],
    ["POST", "/api/things/a1/parts/b2?x=1", { id: "a1", part: "b2" }],
    ["PUT", "/api/things/%C3%96mer/parts/lecture-1", { id: "Ömer", part: "lecture-1" }],
    ["DELETE", `/api/things/${"x".repeat(300)}/parts/p`, { id: "x".repeat(300), part: "p" }],
  ])("takes %s %s with its decoded path parameters", async (method, url, params) => {
    const res = await fetch(base + url, { method, headers: { cookie: "a=1; authjs.session-token=tok%3D1" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ method, params, session: "tok=1" });
  });

  it.each([
    "/",
    "/api/things/a1/parts",
    "/api/things/a1/parts/b2/",
    "/api/things/a1/parts/b2/c",
    "/api/health",
    "/things/a1/parts/b2",
  ])("leaves %s to the next handler", async (url) => {
    const res = await fetch(base + url);
    expect([res.status, await res.text()]).toEqual([418, "not mine"]);
  });

  it("answers a handler's crash 500 in JSON, and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await fetch(`${base}/api/broken/1`, { method: "POST" });
    expect([res.status, res.headers.get("content-type"), await res.json()]).toEqual([
      500,
      "application/json; charset=utf-8",
      { error: "internal" },
    ]);
    expect(String(log.mock.calls[0])).toContain("the database is down");
    log.mockRestore();
  });

  it("serves the quiz's start, save and submit, and self check-in", () => {
    expect(Object.keys(PARTICIPANT_API_ROUTES).sort()).toEqual([
      "/api/attempts/:id/answers",
      "/api/attempts/:id/submit",
      "/api/cohorts/:id/quizzes/:slug/attempts",
      "/api/sessions/:id/check-in",
    ]);
  });
});
