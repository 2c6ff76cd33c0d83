// Which client a request comes from, for per-client limits. A client names its own
// address in X-Forwarded-For as it likes; only the hops our own proxies appended can be
// believed. So the client is the right-most address of the chain not in TRUSTED_PROXIES
// (comma-separated addresses and CIDR ranges; by default this machine only), and a
// connection from anywhere else is its own socket address, whatever it forwards.
// IPv6 clients are counted by their /64: one subscriber usually holds a whole /64.
import { BlockList, isIP } from "node:net";

const LOOPBACK = "127.0.0.0/8, ::1";

/** An address without the IPv4-in-IPv6 prefix Node gives on dual-stack sockets, lower case. */
export function plainAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

export type TrustedProxies = { has(address: string | undefined): boolean };

/**
 * The proxies whose forwarding headers are believed: TRUSTED_PROXIES, or loopback when
 * it is unset. An entry that is neither an address nor a CIDR range is ignored with a warning.
 */
export function trustedProxies(spec = process.env.TRUSTED_PROXIES ?? ""): TrustedProxies {
  const list = new BlockList();
  const entries = (spec.trim() === "" ? LOOPBACK : spec)
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const ip = plainAddress(address ?? "");
    const family = isIP(ip);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      console.warn(`TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range; ignored`);
      continue;
    }
    list.addSubnet(ip, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return {
    has(address) {
      if (!address) return false;
      const ip = plainAddress(address);
      const family = isIP(ip);
      return family !== 0 && list.check(ip, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** The addresses of an X-Forwarded-For chain (one header or several), left to right. */
export function forwardedChain(values: string | string[] | undefined | null): string[] {
  const all = Array.isArray(values) ? values : values ? [values] : [];
  return all
    .flatMap((v) => v.split(","))
    .map((a) => plainAddress(a))
    .filter((a) => isIP(a) !== 0);
}

/**
 * The client of a connection from `peer` that forwards `chain`: the peer itself unless it
 * is a trusted proxy; else the right-most address of the chain that is not one (the
 * left-most when all are), else the peer.
 */
export function resolveClient(peer: string | undefined, chain: string[], trusted: TrustedProxies): string | undefined {
  if (!peer || !trusted.has(peer)) return peer === undefined ? undefined : plainAddress(peer);
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted.has(chain[i])) return chain[i];
  return chain[0] ?? plainAddress(peer);
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const last = (right.length ? right : left).at(-1) ?? "";
  if (last.includes(".")) {
    // An embedded IPv4 address takes the last two groups.
    const [a = 0, b = 0, c = 0, d = 0] = last.split(".").map(Number);
    const pair = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    (right.length ? right : left).splice(-1, 1, ...pair);
  }
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ""));
}

/** The key a limit counts a client by: an IPv4 address, or an IPv6 address's /64. */
export function clientKey(address: string): string {
  const ip = plainAddress(address);
  if (isIP(ip) !== 6) return ip;
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}

/**
 * The client's key, from the X-Forwarded-For that the front door (lib/http/front-door.ts)
 * leaves: exactly the resolved client's address. The right-most entry is read, so that a
 * chain that did not pass the front door yields the hop closest to us, not one the client
 * wrote. Without it, `peer` (the connection's own address, where the caller knows it),
 * else "unknown".
 */
export function clientIp(headers: Pick<Headers, "get">, peer?: string): string {
  const address = forwardedChain(headers.get("x-forwarded-for")).at(-1) ?? peer;
  return address ? clientKey(address) : "unknown";
}
