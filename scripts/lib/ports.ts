import net from "node:net";
import { StartupError } from "./errors.ts";

/** The one line printed when a port someone chose is taken. */
export function portTakenMessage(port: number, what: string, envVar: string): string {
  return `Port ${port} (${what}) is already in use: stop what uses it or set ${envVar} to another port`;
}

/** A port number someone wrote (0 for any free port), or one line saying what is wrong with it. */
export function parsePort(text: string, name: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new StartupError(`${name} must be a port number (0 for any free port), not "${text}"`);
  return port;
}

/** The port in an environment variable: `fallback` when it is unset or empty. */
export const portFromEnv = (envVar: string, fallback: number) =>
  parsePort(process.env[envVar] || String(fallback), envVar);

/** Fails with one clear line when something already listens on the port. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) throw new StartupError(portTakenMessage(port, what, envVar));
}

/**
 * A port the OS reports free right now. Something else may take it before it is
 * used: a server that binds it later goes through `onFreePort`, or binds port 0.
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown by a server's start when its port turned out to be taken. */
export class PortTakenError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
  }
}

/**
 * Starts a server that must be told its port (PostgreSQL): on a port from `pick`,
 * and on another one whenever `start` throws PortTakenError, since a port that
 * was free when picked can be taken before the server binds it. Any other
 * failure is not retried.
 */
export async function onFreePort<T>(
  what: string,
  start: (port: number) => Promise<T>,
  pick: () => Promise<number> = getFreePort,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await pick());
    } catch (err) {
      if (!(err instanceof PortTakenError)) throw err;
      if (attempt === attempts)
        throw new StartupError(`No free port for ${what}: the last ${attempts} picked were taken before it could bind`);
    }
  }
}
