// The app's HTTP server: Next.js behind lib/http/front-door.ts, which answers a
// malformed address (400), a body past its path's cap (413) and a client over its
// certificate look-up limit (429) before Next sees the request. Every response gets the
// security headers (lib/http/security-headers.ts), every HTML response its
// Content-Security-Policy and the nonce on its scripts (lib/http/html-response.ts), and
// compressible responses are compressed here (lib/http/compression.ts; next.config.js turns
// Next's own off, which would compress before the nonces are in). Then the participant's JSON API
// (lib/participant-api/router.ts) takes its own paths; every other request goes to Next.js.
// `npm start`, `npm run dev`, the e2e tests and the Docker image all serve through it: in
// production compiled to .server/server.mjs first (scripts/lib/server-build.ts), in
// development from this source.
// In production it may run as several processes on the one port (WEB_PROCESSES; by
// default one per core: scripts/lib/web-processes.ts): the first starts the
// others, each of which serves as described here.
//   node .server/server.mjs [--port N] [--hostname H]
//   node --import tsx scripts/server.ts [--dev] [--port N] [--hostname H]
// Port 0 binds any free port. It binds its port before it prepares Next, so a taken port
// fails at once, in one line. Started with an IPC channel (scripts/lib/app-server.ts), it
// sends that line, or the port once it serves, to the process that started it, and stops
// when that process goes away.
import cluster from "node:cluster";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { register } from "node:module";
import type { AddressInfo } from "node:net";
import next from "next";
import { bodyLimit, capStreamedBody } from "../lib/http/body-limit.ts";
import { createCompression, releaseCompressionStream } from "../lib/http/compression.ts";
import { createFrontDoor, normalisePath, tooLarge, type Refusal } from "../lib/http/front-door.ts";
import { protectHtml } from "../lib/http/html-response.ts";
import { filterConsoleRepeats } from "../lib/log/repeats.ts";
import { createSharedPageCache } from "../lib/http/shared-page-cache.ts";
import { securityHeaders } from "../lib/http/security-headers.ts";
import { siteUrlWarning } from "../lib/http/site-url.ts";
import type { ServerReport } from "./lib/app-server.ts";
import { StartupError } from "./lib/errors.ts";
import { ROOT } from "./lib/paths.ts";
import { parsePort, portTakenMessage } from "./lib/ports.ts";
import { runWebProcesses, webProcessCount } from "./lib/web-processes.ts";
import { superviseWorker, type WorkerProcess } from "./lib/worker-process.ts";

type Serve = (req: IncomingMessage, res: ServerResponse) => void;

const compress = createCompression();

// With the database down every request fails alike: the same error is logged once a
// minute, with a count, instead of a stack trace per request.
filterConsoleRepeats();

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const dev = argv.includes("--dev");
const hostname = option("hostname") ?? process.env.HOSTNAME;

function report(message: ServerReport, then?: () => void) {
  if (process.send) process.send(message, undefined, {}, then);
  else then?.();
}

/** Stops with one line, sent to the process that started it or else printed. */
function fail(line: string): void {
  if (!process.send) console.error(line);
  report({ failed: line }, () => process.exit(1));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function whyNotListening(err: NodeJS.ErrnoException, port: number): string {
  if (err.code === "EADDRINUSE") return portTakenMessage(port, "the app", "PORT");
  if (err.code === "EACCES") return `Port ${port} (the app) needs privileges: set PORT to a port above 1023`;
  return `The app cannot listen on port ${port}${hostname ? ` of ${hostname}` : ""}: ${err.message}`;
}

// Requests that arrive while Next prepares wait for it.
let ready: (serve: Serve) => void;
const serving = new Promise<Serve>((resolve) => (ready = resolve));
const server = createServer((req, res) => void serving.then((serve) => serve(req, res)));
server.keepAliveTimeout = 65_000;
let app: ReturnType<typeof next> | undefined;
let worker: WorkerProcess | undefined;

async function main() {
  const asked = parsePort(option("port") ?? (process.env.PORT || "3000"), "PORT");
  let port: number;
  try {
    port = await listen(server, asked);
  } catch (err) {
    return fail(whyNotListening(err as NodeJS.ErrnoException, asked));
  }

  // Links in e-mails and certificates are built from SITE_URL (lib/http/site-url.ts).
  if (!cluster.isWorker) warnAboutSiteUrl();
  process.env.SITE_URL ||= `http://localhost:${port}`;
  app = next({ dev, dir: ROOT, port, hostname: hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const headers = securityHeaders();
  const refuse = (req: IncomingMessage, res: ServerResponse, refusal: Refusal) => {
    if (res.headersSent) return;
    res.writeHead(refusal.status, refusal.headers).end(req.method === "HEAD" ? undefined : refusal.body);
  };
  // lib/ imports "server-only": in this process it resolves as in Next's server bundles. The
  // compiled server had it resolved so when it was compiled; run from its source, a hook does it.
  if (import.meta.url.endsWith(".ts")) register("./lib/server-only-hooks.mjs", import.meta.url);
  const { createParticipantApi } = await import("../lib/participant-api/router.ts");
  const quizApi = createParticipantApi();
  // An admin's upload is let past the ordinary cap on a body once their session is read.
  const { isStaffCookie } = await import("../lib/auth/session-token.ts");
  const check = createFrontDoor(undefined, undefined, isStaffCookie);
  // One of several web processes leaves the job worker to the first process.
  if (!cluster.isWorker) startJobWorker();
  // Development renders every page afresh, so that an edit shows at once.
  const pages = dev ? undefined : createSharedPageCache();
  // Hot reloading in development runs over a WebSocket.
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  ready((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // A body is counted from its first byte, while the checks below run.
    const pathname = normalisePath(req.url ?? "/") ?? "/";
    // Past the cap the rest of the body is read and dropped, for 10 s at most, so that the
    // client gets the 413 before the connection closes (closing at once would reset it).
    let tooLargeRefused = false;
    let linger: NodeJS.Timeout | undefined;
    const refuseTooLarge = () => {
      tooLargeRefused = true;
      linger = setTimeout(() => req.socket?.destroy(), 10_000).unref();
      req.socket?.once("close", () => clearTimeout(linger));
    };
    req.on("error", () => {}); // a reader that wants the body gets the error; nobody else needs it
    let cap = bodyLimit(pathname);
    capStreamedBody(req, () => cap, {
      exceeded() {
        if (tooLargeRefused) return;
        // Too late for a 413 when an answer has begun: the connection is cut instead.
        if (res.headersSent) return void req.socket.destroy();
        refuse(req, res, tooLarge(pathname));
        refuseTooLarge();
      },
      end: () => clearTimeout(linger),
    });
    compress(req, res, () => {});
    res.once("close", () => {
      if (!res.writableFinished) releaseCompressionStream(res);
    });
    protectHtml(res, dev);
    check({
      url: req.url ?? "/",
      headers: req.headers,
      peer: req.socket.remoteAddress,
      method: req.method,
      raiseBodyCap: (bytes) => (cap = bytes),
      cached: () => pages?.has(req) ?? false,
    })
      .then((refusal) => {
        if (res.headersSent) return; // refused already: the body passed its cap during the checks
        if (!refusal) {
          if (pages?.serve(req, res) || quizApi(req, res)) return;
          pages?.capture(req, res);
          return handle(req, res);
        }
        if (refusal.status === 413) refuseTooLarge();
        refuse(req, res, refusal);
      })
      .catch((err: unknown) => {
        console.error(err);
        if (!res.headersSent) res.writeHead(500).end();
      });
  });

  if (!cluster.isWorker) console.log(`  ${dev ? "Development" : "Production"} server (Next.js) ${listening(port)}`);
  report({ ready: true, port });
}

const listening = (port: number) => `listening on http://${hostname ?? "localhost"}:${port}`;

function warnAboutSiteUrl() {
  const siteWarning = siteUrlWarning(process.env);
  if (siteWarning) console.warn(siteWarning);
}

/**
 * The job queue's worker (lib/jobs/worker.ts), as a process of its own beside this one,
 * unless JOB_WORKER=off, for deployments that run it with `npm run worker`.
 */
function startJobWorker() {
  if (process.env.JOB_WORKER !== "off" && process.env.DATABASE_URL)
    worker = superviseWorker(process.env, { compiled: !dev });
}

/** How long a stop waits for the requests in flight (DRAIN_SECONDS, 10 by default). */
const drainMs = Math.max(0, Number(process.env.DRAIN_SECONDS ?? 10) || 0) * 1000;

/**
 * Stops taking new connections and lets the requests in flight finish (for drainMs at
 * most, then cuts what is left), closing each kept-alive connection once it is idle; then
 * stops Next.js and the worker, whose jobs under way finish (one cut short runs again once
 * the worker is seen gone).
 */
let closing = false;
function close() {
  if (closing) return;
  closing = true;
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cut = setTimeout(() => server.closeAllConnections(), drainMs);
  void drained
    .then(() => {
      clearInterval(idle);
      clearTimeout(cut);
      return Promise.allSettled([app?.close(), worker?.stop()]);
    })
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), drainMs + 10_000).unref();
}

function startFailed(err: unknown) {
  if (err instanceof StartupError) return fail(err.message);
  console.error(err);
  fail(`The app's server could not start: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
}

let processes: number | undefined;
try {
  processes = cluster.isWorker ? 1 : webProcessCount(process.env.WEB_PROCESSES, dev);
} catch (err) {
  startFailed(err);
}
if (processes === undefined) {
  // startFailed has reported why.
} else if (processes > 1) {
  runWebProcesses({
    count: processes,
    report,
    fail,
    drainMs,
    serving(port) {
      warnAboutSiteUrl();
      process.env.SITE_URL ||= `http://localhost:${port}`;
      startJobWorker();
      console.log(`  Production server (Next.js, ${processes} processes) ${listening(port)}`);
    },
    stopped: () => Promise.allSettled([worker?.stop()]),
  });
} else {
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
  process.on("disconnect", close);
  main().catch(startFailed);
}
