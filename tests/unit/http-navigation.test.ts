import { describe, expect, it } from "vitest";
import { isDocumentNavigation, signInRequired } from "@/lib/http/navigation";

describe("isDocumentNavigation", () => {
  it.each([
    [{ "sec-fetch-mode": "navigate", accept: "text/html,application/xhtml+xml,*/*;q=0.8" }, true],
    [{ "sec-fetch-mode": "navigate" }, true],
    [{ "sec-fetch-mode": "cors", accept: "text/html" }, false], // a script's fetch, whatever it accepts
    [{ "sec-fetch-mode": "no-cors" }, false],
    [{ accept: "text/html,application/xhtml+xml" }, true], // a browser that sends no Sec-Fetch-Mode
    [{ accept: "application/json, text/html;q=0.5" }, true],
    [{ accept: "*/*" }, false], // curl, Playwright's request, fetch()
    [{ accept: "application/json" }, false],
    [{ accept: "text/htmlx" }, false],
    [{}, false],
  ])("%j: %s", (headers, expected) => {
    expect(isDocumentNavigation(new Headers(headers))).toBe(expected);
  });
});

describe("signInRequired", () => {
  const request = (headers: Record<string, string>) =>
    new Request("http://evil.example/api/certificates/c1/pdf?x=1", { headers });

  it("sends a person's browser to sign in, back to the same path of this site", () => {
    const response = signInRequired(request({ "sec-fetch-mode": "navigate" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in?callbackUrl=%2Fapi%2Fcertificates%2Fc1%2Fpdf");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a script 401 with a reason", async () => {
    const response = signInRequired(request({ accept: "*/*" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "sign-in-required" });
  });
});
