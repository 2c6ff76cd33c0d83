// `npm run keys` beside a running `npm start`: a withdrawn signing key leaves the published
// key set at once, and the running servers stop signing with it once they check again.
import { get } from "node:http";
import path from "node:path";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { SIGNING_KEY_RECHECK_MS } from "@/lib/db/issuer-keys";
import { freshFolder, npmRun, start, waitForReady } from "./support";

describe("the credential-signing keys", { timeout: 600_000 }, () => {
  it("[CERTIFICATES][KEY]: npm run keys withdraws the key a running app signs with: it is unpublished at once, and a new key signs the status list", async () => {
    const dataDir = path.join(freshFolder(), "pg");
    const env = { EMBEDDED_PG_DATA_DIR: dataDir };
    const run = start({ PORT: "0", EMBEDDED_PG_PORT: "0", ...env });
    const { port } = await waitForReady(run);
    const base = `http://localhost:${port}`;
    const published = async () =>
      ((await (await fetch(`${base}/api/credentials/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
        (k) => k.kid,
      );
    // A connection of its own each time, so that every web process answers in turn.
    const statusListKid = () =>
      new Promise<unknown>((resolve, reject) => {
        get(`${base}/api/credentials/status/1`, { agent: false }, (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve(decodeProtectedHeader(body).kid));
        }).on("error", reject);
      });

    const [first] = await published();
    expect(first).toBeDefined();
    expect(await statusListKid()).toBe(first);
    const listed = await npmRun("keys", ["list"], env);
    expect(listed, listed.output).toMatchObject({ code: 0 });
    expect(listed.output).toMatch(new RegExp(`^${first}  made .*  signs  0 certificate\\(s\\)$`, "m"));

    const unknown = await npmRun("keys", ["withdraw", "no-such-key"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("no signing key has the id no-such-key (npm run keys lists them)");

    const withdrawn = await npmRun("keys", ["withdraw", first!], env);
    expect(withdrawn, withdrawn.output).toMatchObject({ code: 0 });
    expect(withdrawn.output).toContain(`Withdrawn (not published): ${first}.`);
    const now = await published();
    expect(now).toHaveLength(1);
    expect(now).not.toContain(first);

    // Each web process checks its key again within SIGNING_KEY_RECHECK_MS: ask until both have.
    const deadline = Date.now() + SIGNING_KEY_RECHECK_MS + 20_000;
    const seen: unknown[] = [];
    let inARow = 0;
    while (inARow < 10 && Date.now() < deadline) {
      const kid = await statusListKid();
      seen.push(kid);
      inARow = kid === now[0] ? inARow + 1 : 0;
      if (inARow === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(seen.slice(-10), `status lists were signed by ${[...new Set(seen)].join(", ")}`).toEqual(
      Array(10).fill(now[0]),
    );
    process.kill(run.child.pid!, "SIGTERM");
    expect(await run.exited).toBe(0);
  });
});
