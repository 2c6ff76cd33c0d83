// A bare node:http server for `npm run bench:generators`: answers /10kb, /17kb and /60kb with
// that many random bytes sent as Brotli, and tells its parent (node:child_process fork) its
// port. Plain JavaScript, run by node itself, so that nothing but the answer costs it time.
import { randomBytes } from "node:crypto";
import http from "node:http";

const bodies = new Map([10, 17, 60].map((kb) => [`/${kb}kb`, randomBytes(kb * 1024)]));
const server = http.createServer((req, res) => {
  const body = bodies.get(req.url ?? "");
  if (!body) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "text/html", "content-encoding": "br", "content-length": body.length });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => process.send?.(server.address().port));
process.on("disconnect", () => process.exit(0));
