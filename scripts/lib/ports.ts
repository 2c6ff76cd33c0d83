import net from "node:net";
import { StartupError } from "./errors.ts";

/** Fails with one clear line when something already listens on the port. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free)
    throw new StartupError(
      `Port ${port} (${what}) is already in use: stop what uses it or set ${envVar} to another port`,
    );
}

/** A port the OS reports free right now. */
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
