import { describe, expect, it } from "vitest";
import nextConfig, { DEFAULT_LOCALE } from "@/next.config.js";
import { createFrontDoor, normalisePath, VERIFY_PAGE } from "@/lib/http/front-door";
import { createLookupLimit } from "@/lib/http/lookup-limit";
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
    const from = (ip: string) => arrival("/verify/ECOSF-21-7K4M-Q9XT?utm=x", { "x-forwarded-for": ip });
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

  it("[SECURITY][LOOKUPS]: a page the shared cache holds (a code that exists) is not counted, until the client is refused for others; then it is refused too", async () => {
    const check = createFrontDoor(createLookupLimit(2));
    const from = (ip: string, cached: boolean) => ({
      ...arrival(`/verify/ECOSF-21-7K4M-Q9XT`, { "x-forwarded-for": ip }),
      cached: () => cached,
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await check(from("203.0.113.8", true)))?.status);
    for (let i = 0; i < 3; i++) statuses.push((await check(from("203.0.113.8", false)))?.status);
    statuses.push((await check(from("203.0.113.8", true)))?.status);
    expect(statuses).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, 429, 429]);
    const refused = await check(from("203.0.113.8", true));
    expect(Number(refused!.headers["Retry-After"])).toBeGreaterThan(0);
    expect(Number(refused!.headers["Retry-After"])).toBeLessThanOrEqual(60);
    expect(await check(from("198.51.100.8", true))).toBeUndefined();
    expect(await check(from("198.51.100.8", false))).toBeUndefined();
  });

  it("counts a client without a forwarding proxy by its connection's address", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    expect(await check(arrival("/verify/A", {}, "192.0.2.10"))).toBeUndefined();
    expect((await check(arrival("/verify/A", {}, "192.0.2.10")))?.status).toBe(429);
    expect(await check(arrival("/verify/A", {}, "192.0.2.11"))).toBeUndefined();
  });
});

describe("front door: look-ups however the path is spelled", () => {
  it.each([
    ["/%76erify/ECOSF-21-7K4M-Q9XT", "/verify/ECOSF-21-7K4M-Q9XT"],
    ["/./verify/x", "/verify/x"],
    ["//verify//x", "/verify/x"],
    ["/en/../verify/x?y=1", "/verify/x"],
    ["/%65n/%2e/verify/x/", "/en/verify/x/"],
    ["/verify%2Fx", "/verify%2Fx"],
    ["/%", undefined],
  ])("%s is %s", (url, normal) => {
    expect(normalisePath(url)).toBe(normal);
  });

  it("[SECURITY][LOOKUPS]: /%76erify/<code> and /./verify/<code> count against the same limit as /verify/<code>", async () => {
    const check = createFrontDoor(createLookupLimit(2));
    const from = (url: string) => arrival(url, {}, "203.0.113.70");
    expect(await check(from("/verify/A"))).toBeUndefined();
    expect(await check(from("/%76erify/B"))).toBeUndefined();
    expect((await check(from("/./verify/C")))?.status).toBe(429);
    expect((await check(from("/en/%76erify/D")))?.status).toBe(429);
  });
});

describe("front door: forwarding headers", () => {
  it("[SECURITY][CLIENT-IP]: a direct client's X-Forwarded-For, X-Real-IP, X-Forwarded-Host/-Proto/-Port and Forwarded are not believed", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    const direct = (spoofed: string) =>
      arrival(
        "/verify/A",
        {
          "x-forwarded-for": spoofed,
          "x-real-ip": spoofed,
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
          "x-forwarded-port": "443",
          forwarded: "host=evil.example;proto=https",
          host: "localhost:3000",
        },
        "203.0.113.50",
      );
    expect(await check(direct("198.51.100.1"))).toBeUndefined();
    const second = direct("198.51.100.2");
    expect((await check(second))?.status).toBe(429);
    expect(second.headers).toEqual({ "x-forwarded-for": "203.0.113.50", host: "localhost:3000" });
  });

  it("[SECURITY][CLIENT-IP]: through a trusted proxy, the client is the right-most address it did not add itself", async () => {
    const check = createFrontDoor(createLookupLimit(1), "10.0.0.0/8");
    const proxied = (chain: string) =>
      arrival("/verify/A", { "x-forwarded-for": chain, "x-forwarded-host": "lms.example" }, "10.1.2.3");
    // The client wrote a fresh left-most address each time: still one client.
    const first = proxied("198.51.100.1, 203.0.113.9");
    expect(await check(first)).toBeUndefined();
    expect(first.headers).toEqual({ "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "lms.example" });
    expect((await check(proxied("198.51.100.2, 203.0.113.9")))?.status).toBe(429);
    expect((await check(proxied("203.0.113.9, 10.9.9.9")))?.status).toBe(429);
    expect(await check(proxied("203.0.113.10"))).toBeUndefined();
  });

  it("[SECURITY][CLIENT-IP]: a private-network peer is not trusted unless TRUSTED_PROXIES lists it", async () => {
    const check = createFrontDoor(createLookupLimit(1), "");
    const spoofing = (ip: string) => arrival("/verify/A", { "x-forwarded-for": ip }, "192.168.1.20");
    expect(await check(spoofing("198.51.100.1"))).toBeUndefined();
    const second = spoofing("198.51.100.2");
    expect((await check(second))?.status).toBe(429);
    expect(second.headers["x-forwarded-for"]).toBe("192.168.1.20");
  });

  it("[SECURITY][CLIENT-IP]: IPv6 clients are counted by their /64", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    expect(await check(arrival("/verify/A", {}, "2001:db8:1:2::1"))).toBeUndefined();
    expect((await check(arrival("/verify/A", {}, "2001:db8:1:2:ffff::9")))?.status).toBe(429);
    expect(await check(arrival("/verify/A", {}, "2001:db8:1:3::1"))).toBeUndefined();
  });

  it("drops a policy header a client sends, from which Next would take a nonce", async () => {
    const a = arrival("/", { "content-security-policy": "script-src 'nonce-chosen'" });
    await createFrontDoor(createLookupLimit(10))(a);
    expect(a.headers["content-security-policy"]).toBeUndefined();
  });
});

describe("front door: declared body sizes", () => {
  it.each([
    ["/api/credentials/verify", "40000000", 413],
    ["/api/credentials/verify", "1000", undefined],
    ["/api/auth/signin/nodemailer", "40000000", 413],
    ["/api/auth/signin/nodemailer", "2000", undefined],
    ["/api/attempts/x/submit", "40000000", 413],
    ["/en/admin/cohorts/x/import", "900000", undefined],
    ["/en/sign-in", "40000000", 413],
    ["/en/profile", "2000000", 413],
    ["/api/auth/signin/nodemailer", "12abc", 413],
  ])("[SECURITY][BODY]: %s with Content-Length %s → %s", async (url, length, status) => {
    const check = createFrontDoor(createLookupLimit(1000));
    const refusal = await check({ ...arrival(url, { "content-length": length }), method: "POST" });
    expect(refusal?.status).toBe(status);
  });
});

describe("front door: an admin's uploads", () => {
  const MB = 1024 * 1024;
  // Who is asked about, and what the cap was raised to, for each request.
  function door(admin: boolean) {
    const asked: (string | undefined)[] = [];
    const check = createFrontDoor(createLookupLimit(1000), undefined, async (cookie) => {
      asked.push(cookie);
      return admin;
    });
    const send = async (url: string, length: string | undefined, method = "POST") => {
      const raised: number[] = [];
      const headers: Record<string, string> = { cookie: "authjs.session-token=t" };
      if (length !== undefined) headers["content-length"] = length;
      const refusal = await check({ ...arrival(url, headers), method, raiseBodyCap: (b) => raised.push(b) });
      return { status: refusal?.status, raised };
    };
    return { asked, send };
  }
  const zoom = "/en/admin/cohorts/c1/sessions/s1/attendance";

  it.each([
    // [who, path, Content-Length, answer, cap raised to, session looked up]
    ["an admin", zoom, String(Math.round(4.9 * MB)), undefined, [6 * MB], true],
    ["an admin", "/admin/cohorts/c1/roster", String(2 * MB), undefined, [6 * MB], true],
    ["an admin", zoom, String(7 * MB), 413, [], true],
    ["an admin", zoom, undefined, undefined, [6 * MB], true],
    ["an admin", zoom, "2000", undefined, [], false],
    ["an admin", "/en/profile", String(Math.round(4.9 * MB)), 413, [], false],
    ["anyone else", zoom, String(Math.round(4.9 * MB)), 413, [], true],
    ["anyone else", zoom, String(15 * MB), 413, [], true],
    ["anyone else", zoom, undefined, undefined, [], true],
    ["anyone else", zoom, "2000", undefined, [], false],
  ] as const)(
    "[SECURITY][BODY]: %s posting to %s with Content-Length %s → %s (cap raised to %j)",
    async (who, url, length, status, raised, looked) => {
      const { asked, send } = door(who === "an admin");
      expect(await send(url, length)).toEqual({ status, raised: [...raised] });
      expect(asked).toEqual(looked ? ["authjs.session-token=t"] : []);
    },
  );

  it("[SECURITY][BODY]: a GET to an admin's page looks up no session", async () => {
    const { asked, send } = door(true);
    expect(await send(zoom, undefined, "GET")).toEqual({ status: undefined, raised: [] });
    expect(asked).toEqual([]);
  });
});

describe("front door: its own pages", () => {
  it("[SECURITY][CSP]: a 400 and a 429 carry a strict Content-Security-Policy", async () => {
    const check = createFrontDoor(createLookupLimit(1));
    const refusals = [
      await check(arrival("/%")),
      (await check(arrival("/verify/A")), await check(arrival("/verify/A"))),
    ];
    for (const refusal of refusals) {
      const csp = refusal!.headers["Content-Security-Policy"]!;
      expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
        expect(csp).toContain(directive);
    }
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
