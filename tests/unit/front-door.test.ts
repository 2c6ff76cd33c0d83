import { describe, expect, it } from "vitest";
import nextConfig, { DEFAULT_LOCALE } from "@/next.config.js";
import { createFrontDoor, VERIFY_PAGE } from "@/lib/http/front-door";
import { createLookupLimit } from "@/lib/http/lookup-limit";
import { clientIp } from "@/lib/auth/limits";
import { routing } from "@/lib/i18n/routing";

const arrival = (url: string, headers: Record<string, string | string[]> = {}, peer = "192.0.2.1") => ({ url, headers, peer });

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

  it("counts a client without a forwarding proxy by its connection's address", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    expect(await check(arrival("/verify/A", {}, "192.0.2.10"))).toBeUndefined();
    expect((await check(arrival("/verify/A", {}, "192.0.2.10")))?.status).toBe(429);
    expect(await check(arrival("/verify/A", {}, "192.0.2.11"))).toBeUndefined();
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
    expect(rewrites.beforeFiles).toContainEqual({ source: "/verify/:code", destination: `/${routing.defaultLocale}/verify/:code` });
  });
});
