import { describe, expect, it } from "vitest";
import nextConfig, { DEFAULT_LOCALE } from "@/next.config.js";
import { createFrontDoor, isPrivateAddress, isTrustedProxy, VERIFY_PAGE } from "@/lib/http/front-door";
import { createLookupLimit } from "@/lib/http/lookup-limit";
import { clientIp } from "@/lib/auth/limits";
import { routing } from "@/lib/i18n/routing";

// By default the request comes through a proxy on this machine, which names the client.
const arrival = (url: string, headers: Record<string, string | string[]> = {}, peer = "127.0.0.1") => ({
  url,
  headers,
  peer,
});

describe("front door: malformed addresses", () => {
  it.each([
    ["/lectures/%E0%A4%A", 400],
    ["/verify/%E0%A4%A", 400],
    ["/%", 400],
    ["/api/attempts/%zz/submit", 400],
    ["/lectures/%E0%A4%A4", undefined],
    ["/search?q=%", undefined], // the query is Next's to read, only the path is checked
    ["/", undefined],
  ])("%s → %s", async (url, status) => {
    const check = createFrontDoor(createLookupLimit(1000));
    expect((await check(arrival(url)))?.status).toBe(status);
  });
});

describe("front door: certificate look-ups", () => {
  it.each([
    ["/verify/ECOSF-21-7K4M-Q9XT", true],
    ["/verify/ECOSF-21-7K4M-Q9XT/", true],
    ["/en/verify/ECOSF-21-7K4M-Q9XT", true],
    ["/pt-BR/verify/anything", true],
    ["/verify", false],
    ["/verify/", false],
    ["/verify/a/b", false],
    ["/api/credentials/verify", false],
    ["/lectures/verify/x", false],
  ])("%s counts as a look-up: %s", (path, counted) => {
    expect(VERIFY_PAGE.test(path)).toBe(counted);
  });

  it("lets `perMinute` look-ups through per client, then answers 429 with Retry-After; other clients and other pages are not affected", async () => {
    const check = createFrontDoor(createLookupLimit(3));
    const from = (ip: string) => arrival("/verify/ECOSF-21-7K4M-Q9XT?utm=x", { "x-forwarded-for": `${ip}, 10.0.0.1` });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await check(from("203.0.113.7")))?.status);
    expect(statuses).toEqual([undefined, undefined, undefined, 429, 429]);
    const refused = await check(from("203.0.113.7"));
    expect(Number(refused!.headers["Retry-After"])).toBeGreaterThan(0);
    expect(Number(refused!.headers["Retry-After"])).toBeLessThanOrEqual(60);
    expect(refused!.body).toContain("Too many certificate look-ups");
    expect(await check(from("198.51.100.9"))).toBeUndefined();
    expect(await check(arrival("/lectures/foundations", { "x-forwarded-for": "203.0.113.7" }))).toBeUndefined();
  });

  it("believes the forwarding headers only from a trusted proxy, and makes them truthful for Next otherwise", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    // A direct client naming a fresh address each time is still one client.
    const direct = (spoofed: string) =>
      arrival("/verify/A", { "x-forwarded-for": spoofed, "x-real-ip": spoofed }, "203.0.113.50");
    expect(await check(direct("198.51.100.1"))).toBeUndefined();
    const second = direct("198.51.100.2");
    expect((await check(second))?.status).toBe(429);
    expect(second.headers).toEqual({ "x-forwarded-for": "203.0.113.50" });
    // Through a proxy on the private network, its header names the client.
    const proxied = arrival(
      "/lectures/x",
      { "x-forwarded-for": "198.51.100.3", "x-real-ip": "198.51.100.3" },
      "::ffff:10.1.2.3",
    );
    expect(await check(proxied)).toBeUndefined();
    expect(proxied.headers).toEqual({ "x-forwarded-for": "198.51.100.3", "x-real-ip": "198.51.100.3" });
    // A listed public proxy is believed too.
    const listed = arrival("/lectures/x", { "x-forwarded-for": "198.51.100.4" }, "203.0.113.9");
    expect(await createFrontDoor(createLookupLimit(1), "203.0.113.8, 203.0.113.9")(listed)).toBeUndefined();
    expect(listed.headers["x-forwarded-for"]).toBe("198.51.100.4");
  });

  it("counts a client without a forwarding proxy by its connection's address", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    expect(await check(arrival("/verify/A", {}, "192.0.2.10"))).toBeUndefined();
    expect((await check(arrival("/verify/A", {}, "192.0.2.10")))?.status).toBe(429);
    expect(await check(arrival("/verify/A", {}, "192.0.2.11"))).toBeUndefined();
  });
});

describe("isPrivateAddress / isTrustedProxy", () => {
  it.each([
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["::1", true],
    ["10.20.30.40", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["172.15.0.1", false],
    ["192.168.1.1", true],
    ["192.169.1.1", false],
    ["fd12:3456::1", true],
    ["fc00::1", true],
    ["fe80::1", true],
    ["2001:db8::1", false],
    ["203.0.113.7", false],
    ["::ffff:203.0.113.7", false],
    ["8.8.8.8", false],
  ])("%s private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it.each([
    ["203.0.113.7", "", false],
    ["203.0.113.7", "*", true],
    ["203.0.113.7", "203.0.113.6,203.0.113.7", true],
    ["::ffff:203.0.113.7", " 203.0.113.7 ", true],
    ["10.0.0.1", "", true],
    [undefined, "*", false],
  ])("%s with TRUSTED_PROXIES=%j: %s", (peer, trusted, expected) => {
    expect(isTrustedProxy(peer, trusted)).toBe(expected);
  });
});

describe("clientIp", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    [{ "x-forwarded-for": "203.0.113.1, 10.0.0.2" }, "192.0.2.1", "203.0.113.1"],
    [{ "x-real-ip": "203.0.113.2" }, "192.0.2.1", "203.0.113.2"],
    [{}, "192.0.2.1", "192.0.2.1"],
    [{}, undefined, "unknown"],
  ])("%o from %s → %s", (headers, peer, expected) => {
    expect(clientIp(h(headers), peer)).toBe(expected);
  });
});

describe("next.config.js rewrite of /verify/<code>", () => {
  it("goes to the default locale's page, as next-intl would", async () => {
    expect(DEFAULT_LOCALE).toBe(routing.defaultLocale);
    const rewrites = (await nextConfig.rewrites!()) as { beforeFiles: { source: string; destination: string }[] };
    expect(rewrites.beforeFiles).toContainEqual({
      source: "/verify/:code",
      destination: `/${routing.defaultLocale}/verify/:code`,
    });
  });
});
