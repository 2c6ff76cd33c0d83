import { describe, expect, it } from "vitest";
import { isDocumentNavigation } from "@/lib/http/navigation";

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
