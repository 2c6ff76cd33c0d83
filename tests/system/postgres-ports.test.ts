// The embedded PostgreSQL on "any free port" (port 0: scripts/test.ts, EMBEDDED_PG_PORT=0):
// a port that was free when picked can be taken before PostgreSQL binds it, and PostgreSQL
// must be told its port, so a taken port is tried again with another; nothing else is.
import { chmodSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, it } from "vitest";
import { getFreePort } from "@/scripts/lib/ports";
import { startEmbeddedPostgres } from "@/scripts/lib/postgres";
import { freshFolder, query } from "./support";

/** Ports to try: `first`, then any free ones; records what was handed out. */
function portsStartingWith(first: number) {
  const picked: number[] = [];
  return {
    picked,
    pick: async () => {
      picked.push(picked.length ? await getFreePort() : first);
      return picked.at(-1)!;
    },
  };
}

it("starts PostgreSQL on another port when the one it picked turns out to be taken", { timeout: 300_000 }, async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const taken = (blocker.address() as net.AddressInfo).port;
  const ports = portsStartingWith(taken);
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(freshFolder(), "pg"),
      port: 0,
      pickPort: ports.pick,
    });
    try {
      expect(ports.picked).toHaveLength(2);
      expect(ports.picked[0]).toBe(taken);
      expect(server.port).toBe(ports.picked[1]);
      expect(await query(server.url("postgres"), "SELECT current_setting('port') AS port")).toEqual([
        { port: String(server.port) },
      ]);
    } finally {
      await server.stop();
    }
  } finally {
    blocker.close();
  }
});

it(
  "does not try another port when PostgreSQL fails for another reason, and says why",
  { timeout: 300_000 },
  async () => {
    const dataDir = path.join(freshFolder(), "pg");
    await (await startEmbeddedPostgres({ dataDir, port: 0 })).stop();
    chmodSync(dataDir, 0o777); // PostgreSQL refuses a data folder others may read and write
    const ports = portsStartingWith(await getFreePort());
    const error = await startEmbeddedPostgres({ dataDir, port: 0, pickPort: ports.pick }).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(ports.picked).toHaveLength(1);
    expect(error?.message).toBe(
      `PostgreSQL could not start on port ${ports.picked[0]} with data in ${dataDir}: FATAL:  data directory "${dataDir}" has invalid permissions`,
    );
  },
);
