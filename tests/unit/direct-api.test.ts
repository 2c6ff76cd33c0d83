import { describe, expect, it } from "vitest";
import { directHandler, planDirectApi, type BuildRouting } from "@/lib/http/direct-api";

// The shape of a real build's manifests (Next 16, .next/routes-manifest.json and friends),
// cut down to the routes that matter here.
const route = (page: string, regex: string, namedRegex: string, routeKeys: Record<string, string> = {}) => ({
  page,
  regex,
  namedRegex,
  routeKeys,
});
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
];

function build(change: (b: BuildRouting) => void = () => {}): BuildRouting {
  const b: BuildRouting = {
    pages: {
      "/_app": "pages/_app.js",
      "/api/attempts/[id]/submit": "pages/api/attempts/[id]/submit.js",
      "/api/cohorts/[id]/quizzes/[slug]/attempts": "pages/api/cohorts/[id]/quizzes/[slug]/attempts.js",
    },
    routes: {
      basePath: "",
      redirects: [{ regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))/$" }],
      headers: [{ regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$", headers: SECURITY_HEADERS }],
      rewrites: { beforeFiles: [{ regex: "^/verify(?:/([^/]+?))(?:/)?$" }], afterFiles: [], fallback: [] },
      staticRoutes: [
        route("/api/health", "^/api/health(?:/)?$", "^/api/health(?:/)?$"),
        route("/api/attempts/new/submit", "^/api/attempts/new/submit(?:/)?$", "^/api/attempts/new/submit(?:/)?$"),
      ],
      dynamicRoutes: [
        route(
          "/api/attempts/[id]/submit",
          "^/api/attempts/([^/]+?)/submit(?:/)?$",
          "^/api/attempts/(?<nxtPid>[^/]+?)/submit(?:/)?$",
          { nxtPid: "nxtPid" },
        ),
        route("/api/auth/[...nextauth]", "^/api/auth/(.+?)(?:/)?$", "^/api/auth/(?<nxtPnextauth>.+?)(?:/)?$", {
          nxtPnextauth: "nxtPnextauth",
        }),
        route(
          "/api/cohorts/[id]/quizzes/[slug]/attempts",
          "^/api/cohorts/([^/]+?)/quizzes/([^/]+?)/attempts(?:/)?$",
          "^/api/cohorts/(?<nxtPid>[^/]+?)/quizzes/(?<nxtPslug>[^/]+?)/attempts(?:/)?$",
          { nxtPid: "nxtPid", nxtPslug: "nxtPslug" },
        ),
        route("/[locale]/[...rest]", "^/([^/]+?)/(.+?)(?:/)?$", "^/(?<nxtPlocale>[^/]+?)/(?<nxtPrest>.+?)(?:/)?$", {
          nxtPlocale: "nxtPlocale",
          nxtPrest: "nxtPrest",
        }),
      ],
    },
    proxyMatchers: [
      "^(?:\\/(_next\\/data\\/[^/]{1,}))?(?:\\/((?!api|_next|_vercel|verify\\/.|.*\\..*).*))(\\.json|\\.rsc|\\.segments\\/.+\\.segment\\.rsc)?[\\/#\\?]?$",
    ],
    publicFiles: ["/robots.txt"],
  };
  change(b);
  return b;
}

describe("direct API: which requests skip Next's router", () => {
  it.each([
    ["/api/attempts/abc/submit", { page: "/api/attempts/[id]/submit", params: { id: "abc" } }],
    ["/api/attempts/a%2Fb/submit", { page: "/api/attempts/[id]/submit", params: { id: "a/b" } }], // decoded, as Next does
    ["/api/attempts/%E0%A4%A4/submit", { page: "/api/attempts/[id]/submit", params: { id: "त" } }],
    [
      "/api/cohorts/c1/quizzes/lecture-1/attempts",
      { page: "/api/cohorts/[id]/quizzes/[slug]/attempts", params: { id: "c1", slug: "lecture-1" } },
    ],
    ["/api/attempts/%E0%A4%A/submit", undefined], // not decodable: Next answers
    ["/api/attempts/abc/submit/", undefined], // Next redirects a trailing slash
    ["/api/attempts//submit", undefined],
    ["/api/attempts/new/submit", undefined], // a static route wins over the dynamic one
    ["/API/attempts/abc/submit", undefined],
    ["/api/attempts/abc/submit.json", undefined],
    ["/api/health", undefined], // an App Router route
    ["/api/auth/session", undefined],
    ["/en/lectures", undefined],
    ["/verify/ECOSF-21-7K4M-Q9XT", undefined],
    ["/robots.txt", undefined],
    ["/", undefined],
  ])("%s → %j", (pathname, expected) => {
    const found = planDirectApi(build()).route(pathname);
    expect(found && { page: found.page, params: found.params }).toEqual(expected);
    if (found) expect(found.file).toBe(build().pages[found.page]);
  });

  it.each<[string, (b: BuildRouting) => void]>([
    ["a base path", (b) => void (b.routes.basePath = "/lms")],
    ["i18n routing", (b) => void (b.routes.i18n = { locales: ["en"], defaultLocale: "en" })],
    [
      "a header rule with conditions",
      (b) => void b.routes.headers!.push({ regex: "^/api/(.*)$", headers: [], has: [{ type: "header", key: "x" }] }),
    ],
    ["a redirect of the path", (b) => void b.routes.redirects!.push({ regex: "^/api/attempts/([^/]+?)/submit$" })],
    [
      "a rewrite of the path (after files)",
      (b) => void (b.routes.rewrites = { afterFiles: [{ regex: "^/api/(.*)$" }] }),
    ],
    ["a rewrite of the path (a plain list)", (b) => void (b.routes.rewrites = [{ regex: "^/api/(.*)$" }])],
    ["a proxy that matches the path", (b) => void b.proxyMatchers.push("^/api/(.*)$")],
    ["a file in public/ at the path", (b) => void b.publicFiles.push("/api/attempts/abc/submit")],
    ["a route the pages manifest does not list", (b) => void delete b.pages["/api/attempts/[id]/submit"]],
  ])("with %s, /api/attempts/abc/submit goes to Next", (_, change) => {
    expect(planDirectApi(build()).route("/api/attempts/abc/submit")).toBeDefined();
    expect(planDirectApi(build(change)).route("/api/attempts/abc/submit")).toBeUndefined();
  });

  it("sets the headers of the build's header rules that match the path", () => {
    const plan = planDirectApi(
      build(
        (b) =>
          void b.routes.headers!.push({ regex: "^/api/cohorts/(.*)$", headers: [{ key: "X-Cohort", value: "1" }] }),
      ),
    );
    expect(plan.headers("/api/attempts/abc/submit")).toEqual(SECURITY_HEADERS);
    expect(plan.headers("/api/cohorts/c1/quizzes/lecture-1/attempts")).toEqual([
      ...SECURITY_HEADERS,
      { key: "X-Cohort", value: "1" },
    ]);
  });
});

describe("direct API: which route modules it calls itself", () => {
  const handler = async () => {};
  it.each<[string, unknown, boolean]>([
    ["reads its own body (ApiConfig)", { config: { api: { bodyParser: false } }, default: handler }, true],
    [
      "leaves the body to Next's parser",
      { config: { api: { bodyParser: { sizeLimit: "1mb" } } }, default: handler },
      false,
    ],
    ["has no config", { default: handler }, false],
    ["has no handler", { config: { api: { bodyParser: false } } }, false],
    ["is nothing", undefined, false],
  ])("a module that %s: %s", (_, module, direct) => {
    expect(directHandler(module) === handler).toBe(direct);
  });
});
