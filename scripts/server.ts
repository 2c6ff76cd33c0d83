// The app's HTTP server: Next.js behind lib/http/front-door.ts, which answers a
// malformed address (400) and a client over its certificate look-up limit (429)
// before Next sees the request. In production the JSON API (pages/api) then goes
// straight to its built handlers, past Next's router (lib/http/direct-api.ts).
// `npm start`, `npm run dev`, the e2e tests and the Docker image all serve through it.
//   node --import tsx scripts/server.ts [--dev] [--port N] [--hostname H]
import { createServer } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import next from "next";
import { createDirectApi } from "../lib/http/direct-api.ts";
import { createFrontDoor } from "../lib/http/front-door.ts";
import { ROOT } from "./lib/paths.ts";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const dev = argv.includes("--dev");
const port = Number(option("port") ?? process.env.PORT ?? 3000);
const hostname = option("hostname") ?? process.env.HOSTNAME;

const app = next({ dev, dir: ROOT, port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const check = createFrontDoor();
const direct = dev ? undefined : await createDirectApi(ROOT, createRequire(path.join(ROOT, "package.json")));

const server = createServer((req, res) => {
  check({ url: req.url ?? "/", headers: req.headers, peer: req.socket.remoteAddress })
    .then((refusal) => {
      if (!refusal) return direct?.handle(req, res) ?? handle(req, res);
      res.writeHead(refusal.status, refusal.headers).end(req.method === "HEAD" ? undefined : refusal.body);
    })
    .catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) res.writeHead(500).end();
    });
});
// Hot reloading in development runs over a WebSocket.
if (dev) server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => {
  console.log(
    `  ${dev ? "Development" : "Production"} server (Next.js) listening on http://${hostname ?? "localhost"}:${port}`,
  );
  if (direct?.pages.length) console.log(`  Past Next's router: ${direct.pages.join(", ")}`);
});

let closing = false;
function close() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeIdleConnections();
  void app.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", close);
process.on("SIGINT", close);
