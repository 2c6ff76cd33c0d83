import { describe, expect, it } from "vitest";
import { clientIp, clientKey, forwardedChain, resolveClient, trustedProxies } from "@/lib/http/client-ip";

describe("trustedProxies", () => {
  it.each([
    ["127.0.0.1", "", true],
    ["127.8.9.10", "", true],
    ["::1", "", true],
    ["::ffff:127.0.0.1", "", true],
    ["10.0.0.1", "", false],
    ["192.168.1.1", "", false],
    ["fd00::1", "", false],
    ["203.0.113.7", "", false],
    ["203.0.113.7", "203.0.113.6, 203.0.113.7", true],
    ["::ffff:203.0.113.7", " 203.0.113.7 ", true],
    ["10.20.30.40", "10.0.0.0/8", true],
    ["11.0.0.1", "10.0.0.0/8", false],
    ["127.0.0.1", "10.0.0.0/8", false],
    ["2001:db8:aa::5", "2001:db8:aa::/48", true],
    ["2001:db8:ab::5", "2001:db8:aa::/48", false],
    ["203.0.113.7", "*", false],
    ["not-an-address", "10.0.0.0/8", false],
    [undefined, "10.0.0.0/8", false],
  ])("%s with TRUSTED_PROXIES=%j: %s", (peer, spec, expected) => {
    expect(trustedProxies(spec).has(peer)).toBe(expected);
  });
});

describe("resolveClient", () => {
  const loopback = trustedProxies("");
  const cluster = trustedProxies("127.0.0.1, 10.0.0.0/8");
  it.each([
    // A client connecting directly is its socket address, whatever it forwards.
    ["203.0.113.5", ["198.51.100.1"], loopback, "203.0.113.5"],
    ["10.0.0.2", ["198.51.100.1"], loopback, "10.0.0.2"],
    // Through a trusted proxy: the right-most address it did not add itself.
    ["127.0.0.1", ["198.51.100.1"], loopback, "198.51.100.1"],
    ["127.0.0.1", ["6.6.6.6", "198.51.100.1"], loopback, "198.51.100.1"],
    ["10.0.0.2", ["6.6.6.6", "198.51.100.1", "10.0.0.9"], cluster, "198.51.100.1"],
    ["10.0.0.2", ["10.0.0.8", "10.0.0.9"], cluster, "10.0.0.8"],
    ["127.0.0.1", [], loopback, "127.0.0.1"],
    [undefined, ["198.51.100.1"], loopback, undefined],
  ])("peer %s forwarding %j → %s", (peer, chain, trusted, expected) => {
    expect(resolveClient(peer, chain, trusted)).toBe(expected);
  });
});

describe("forwardedChain", () => {
  it.each([
    ["198.51.100.1, 10.0.0.2", ["198.51.100.1", "10.0.0.2"]],
    [
      ["198.51.100.1", "10.0.0.2, ::FFFF:127.0.0.1"],
      ["198.51.100.1", "10.0.0.2", "127.0.0.1"],
    ],
    ["unknown, 198.51.100.1", ["198.51.100.1"]],
    [undefined, []],
  ])("%j → %j", (header, chain) => {
    expect(forwardedChain(header)).toEqual(chain);
  });
});

describe("clientKey", () => {
  it.each([
    ["203.0.113.5", "203.0.113.5"],
    ["::ffff:203.0.113.5", "203.0.113.5"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::9", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"],
  ])("%s → %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe("clientIp", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    // The front door leaves exactly the client; a chain that did not pass it yields its right-most hop.
    [{ "x-forwarded-for": "203.0.113.1" }, "192.0.2.1", "203.0.113.1"],
    [{ "x-forwarded-for": "6.6.6.6, 203.0.113.1" }, "192.0.2.1", "203.0.113.1"],
    [{ "x-forwarded-for": "2001:db8:5:6::1" }, undefined, "2001:db8:5:6::/64"],
    [{ "x-real-ip": "203.0.113.2" }, "192.0.2.1", "192.0.2.1"],
    [{}, "192.0.2.1", "192.0.2.1"],
    [{}, undefined, "unknown"],
  ])("%o from %s → %s", (headers, peer, expected) => {
    expect(clientIp(h(headers), peer)).toBe(expected);
  });
});
