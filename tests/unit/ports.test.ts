import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StartupError } from "@/scripts/lib/errors";
import { assertPortFree, getFreePort, onFreePort, parsePort, PortTakenError } from "@/scripts/lib/ports";

const open: net.Server[] = [];
afterEach(() => open.splice(0).forEach((s) => s.close()));

/** Listens on the port as a server that must be told its port would, and says when it is taken. */
function listenOn(port: number): Promise<net.Server> {
  const server = net.createServer();
  open.push(server);
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new PortTakenError(port) : err),
    );
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

async function takenPort(): Promise<number> {
  return ((await listenOn(0)).address() as net.AddressInfo).port;
}

describe("onFreePort", () => {
  it("tries another port when the one it picked is taken", async () => {
    const taken = await takenPort();
    const picked: number[] = [];
    const pick = async () => (picked.push(picked.length ? await getFreePort() : taken), picked.at(-1)!);
    const server = await onFreePort("a test server", listenOn, pick);
    expect(picked).toHaveLength(2);
    expect(picked[0]).toBe(taken);
    expect((server.address() as net.AddressInfo).port).toBe(picked[1]);
  });

  it("does not retry another failure", async () => {
    let picks = 0;
    const failing = () => Promise.reject(new Error("no such file"));
    await expect(onFreePort("a test server", failing, async () => (picks++, 1))).rejects.toThrow("no such file");
    expect(picks).toBe(1);
  });

  it("gives up, in one line, when every port it picked was taken", async () => {
    const taken = await takenPort();
    let picks = 0;
    const error = await onFreePort("a test server", listenOn, async () => (picks++, taken), 3).catch((e: Error) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      "No free port for a test server: the last 3 picked were taken before it could bind",
    );
    expect(picks).toBe(3);
  });
});

describe("assertPortFree", () => {
  it("says in one line that a port is taken, and which variable moves it", async () => {
    const taken = await takenPort();
    await expect(assertPortFree(taken, "the app", "PORT")).rejects.toThrow(
      new StartupError(`Port ${taken} (the app) is already in use: stop what uses it or set PORT to another port`),
    );
  });

  it("passes for a free port", async () => {
    await expect(assertPortFree(await getFreePort(), "the app", "PORT")).resolves.toBeUndefined();
  });
});

describe("parsePort", () => {
  it.each([
    ["3000", 3000],
    ["0", 0],
    ["65535", 65535],
  ])("reads %s", (text, port) => expect(parsePort(text, "PORT")).toBe(port));

  it.each(["", "abc", "-1", "65536", "3.5", "3000x", " 3000"])("refuses %j in one line", (text) =>
    expect(() => parsePort(text, "PORT")).toThrow(
      new StartupError(`PORT must be a port number (0 for any free port), not "${text}"`),
    ),
  );
});
