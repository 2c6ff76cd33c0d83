// The client-side navigations of a participant's visit, as Chromium sends them, for a load
// bench to replay. Following a link, or a quiz page moving on by itself after a start or a
// submit, is not a document request: Next's client-side router GETs the target path with
// `rsc: 1`, its state tree and the current address in headers, and a `_rsc` search
// parameter, a hash of those headers that the server checks (a mismatch is answered with a
// 307 to the right one). That is Next's own protocol between its router and its server,
// not a documented API, so the bench does not compose these requests itself: it records
// them from a real visit in Chromium and replays them with another participant's ids in
// place. Only `_rsc` has to be worked out again once the ids change; `recordNavigations`
// first checks that `rscHash` gives, for every recorded request, the `_rsc` Chromium sent,
// so a change in Next's protocol stops the bench with a clear message rather than
// turning every navigation into a redirect.
import { createHash } from "node:crypto";
import { launchChromium } from "../../tests/support/browser.ts";

/** The headers of Next's router that a navigation carries and `_rsc` hashes. */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-url",
  "next-router-prefetch",
  "next-router-segment-prefetch",
];

/** One recorded navigation: the path it fetched (without `_rsc`) and the router's headers. */
export type Navigation = { path: string; headers: Record<string, string> };
/** The three client-side navigations of a visit, in the order a participant makes them. */
export type Navigations = { "quiz page": Navigation; "attempt page": Navigation; "result page": Navigation };
/** The participant-specific ids a recording holds, to be replaced when replayed. */
export type Ids = { cohortId: string; attemptId: string };

/**
 * `_rsc` for a request with these router headers: the first 12 bytes of the SHA-256 of
 * the prefetch header, the segment prefetch header, the state tree and the current
 * address, joined by commas (each "0" when absent), in base64url. What Next's client sends
 * and its server expects (checked against Chromium in `recordNavigations`).
 */
export function rscHash(headers: Record<string, string>) {
  const input = [
    headers["next-router-prefetch"] ?? "0",
    headers["next-router-segment-prefetch"] ?? "0",
    headers["next-router-state-tree"] ?? "0",
    headers["next-url"] ?? "0",
  ].join(",");
  return createHash("sha256").update(input).digest().subarray(0, 12).toString("base64url");
}

/** `text` with every occurrence of the recorded ids replaced by `to`'s. */
const swapIds = (text: string, from: Ids, to: Ids) =>
  text.replaceAll(from.cohortId, to.cohortId).replaceAll(from.attemptId, to.attemptId);

/** The request that makes `recorded` (made by `from`) for the participant with ids `to`: its path with `_rsc`, and its headers. */
export function replay(recorded: Navigation, from: Ids, to: Ids) {
  const headers = Object.fromEntries(Object.entries(recorded.headers).map(([k, v]) => [k, swapIds(v, from, to)]));
  const path = swapIds(recorded.path, from, to);
  return { path: `${path}${path.includes("?") ? "&" : "?"}_rsc=${rscHash(headers)}`, headers };
}

/**
 * One visit in Chromium by the participant whose session token is `token`, on the server at
 * `base`: opens /dashboard, follows the link to `quizPath`, starts the quiz and submits it
 * unanswered. Returns the router's request for each of the three navigations and the
 * attempt's id. Throws if a step did not make exactly one RSC request, if a navigation
 * fetched another path than expected, or if `rscHash` does not give the `_rsc` Chromium sent.
 */
export async function recordNavigations(o: { base: string; cookie: string; token: string; quizPath: string }) {
  const browser = await launchChromium();
  const seen: { step: string; url: URL; headers: Record<string, string> }[] = [];
  let step = "dashboard";
  try {
    const context = await browser.newContext({ baseURL: o.base });
    await context.addCookies([{ name: o.cookie, value: o.token, url: o.base }]);
    const page = await context.newPage();
    page.on("request", (request) => {
      const headers = request.headers();
      if (headers.rsc === undefined) return;
      const kept = Object.fromEntries(
        ROUTER_HEADERS.flatMap((h) => (headers[h] === undefined ? [] : [[h, headers[h]]])),
      );
      seen.push({ step, url: new URL(request.url()), headers: kept });
    });
    await page.goto("/dashboard");
    step = "quiz page";
    await page.locator(`a[href="${o.quizPath}"]`).first().click();
    await page.getByRole("button", { name: "Start the quiz" }).waitFor();
    step = "attempt page";
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await page.getByRole("button", { name: "Submit answers" }).waitFor();
    const attemptId = new URL(page.url()).pathname.split("/").at(-1)!;
    step = "result page";
    await page.getByRole("button", { name: "Submit answers" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Submit now" }).click();
    await page.locator("#result-title").waitFor();
    // Anything the page still sends after the result shows counts too.
    await page.waitForTimeout(1000);
    const attemptPath = `${o.quizPath}/attempt/${attemptId}`;
    const expected = { "quiz page": o.quizPath, "attempt page": attemptPath, "result page": attemptPath };
    const navigations = {} as Navigations;
    for (const [name, path] of Object.entries(expected) as [keyof Navigations, string][]) {
      const requests = seen.filter((s) => s.step === name);
      if (requests.length !== 1 || requests[0]!.url.pathname !== path)
        throw new Error(
          `the ${name} was expected to be one RSC request for ${path}; Chromium sent ${requests.map((r) => r.url.pathname).join(", ") || "none"}`,
        );
      const { url, headers } = requests[0]!;
      const sent = url.searchParams.get("_rsc");
      if (sent !== rscHash(headers))
        throw new Error(
          `Chromium's _rsc for the ${name} is ${sent}, the bench's ${rscHash(headers)}: Next's router protocol has changed; update bench/lib/navigations.ts`,
        );
      url.searchParams.delete("_rsc");
      navigations[name] = { path: `${url.pathname}${url.search}`, headers };
    }
    const stray = seen.filter((s) => s.step === "dashboard");
    if (stray.length)
      throw new Error(`the dashboard sent RSC requests of its own (${stray.length}), which the bench does not replay`);
    return { navigations, attemptId };
  } finally {
    await browser.close();
  }
}
