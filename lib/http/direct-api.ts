// The server's short way to the JSON API in pages/api (the quiz's start, save and submit).
// Through Next.js, a request costs about 0.45 ms of CPU in routing before a Pages API
// handler runs, as much again as the submit's own work; and Next's API resolver, which
// gives each request its own property accessors, leaves garbage that lives until the next
// full collection: with it, each young-generation collection takes 15-40 ms instead of
// about 4 (bench/README.md, "bench:quiz").
//
// The server calls a built handler itself only when Next could have done nothing else with
// the request. From the build's manifests, a request goes the short way only if:
// - the first route of the build that matches its path, in Next's order (a file in public/,
//   static routes, dynamic routes), is a Pages Router API route;
// - no redirect, no rewrite and no proxy (middleware) matcher of the build matches its path;
// - the build has no base path, no i18n, and no header rule with has/missing conditions;
// - the route's module reads its own body (`config.api.bodyParser === false`, what
//   lib/http/api.ts's ApiConfig says), so Next's body parser has nothing to do.
// The handler then gets what lib/http/api.ts's ApiHandler promises: Node's request with
// `query` (the query string's parameters, then the path's) and `cookies`, and Node's
// response, with the build's header rules (next.config.js headers()) that match the path
// set, as Next would. An error in it is logged and answered 500, as Next does. Anything
// else, and everything in development, goes to Next.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { parse as parseQuery } from "node:querystring";
import type { ApiHandler } from "./api";

type Header = { key: string; value: string };
type HeaderRule = { regex: string; headers: Header[]; has?: unknown; missing?: unknown };
type Route = { page: string; regex: string; namedRegex?: string; routeKeys?: Record<string, string> };
type RegexRule = { regex: string };

/** What the build says about routing: the parts of its manifests that matter here. */
export type BuildRouting = {
  /** .next/server/pages-manifest.json: page → file under .next/server. */
  pages: Record<string, string>;
  /** .next/routes-manifest.json */
  routes: {
    basePath?: string;
    i18n?: unknown;
    redirects?: RegexRule[];
    headers?: HeaderRule[];
    rewrites?: RegexRule[] | { beforeFiles?: RegexRule[]; afterFiles?: RegexRule[]; fallback?: RegexRule[] };
    staticRoutes?: Route[];
    dynamicRoutes?: Route[];
  };
  /** The proxy's (middleware's) matchers, as regular expressions. */
  proxyMatchers: string[];
  /** The paths of the files in public/ ("/robots.txt"), which Next serves before any route. */
  publicFiles: string[];
};

export type DirectRoute = { page: string; file: string; params: Record<string, string> };

export type DirectApiPlan = {
  /** The Pages API route a request for `pathname` goes to the short way, or undefined: Next. */
  route(pathname: string): DirectRoute | undefined;
  /** The headers the build's header rules set on a response for `pathname`. */
  headers(pathname: string): Header[];
};

const NOTHING: DirectApiPlan = { route: () => undefined, headers: () => [] };

/** The plan for one build; a build the short way cannot follow exactly gets a plan that sends everything to Next. */
export function planDirectApi(build: BuildRouting): DirectApiPlan {
  const { routes } = build;
  if (routes.basePath || routes.i18n) return NOTHING;
  const headerRules = routes.headers ?? [];
  if (headerRules.some((rule) => rule.has !== undefined || rule.missing !== undefined)) return NOTHING;

  const rewrites = Array.isArray(routes.rewrites)
    ? routes.rewrites
    : [
        ...(routes.rewrites?.beforeFiles ?? []),
        ...(routes.rewrites?.afterFiles ?? []),
        ...(routes.rewrites?.fallback ?? []),
      ];
  const elsewhere = [...(routes.redirects ?? []), ...rewrites].map((rule) => new RegExp(rule.regex));
  for (const matcher of build.proxyMatchers) elsewhere.push(new RegExp(matcher));

  const compile = (route: Route) => {
    const file = route.page.startsWith("/api/") ? build.pages[route.page] : undefined;
    // Next names a segment [id] "nxtPid" in its regular expressions.
    const names = Object.keys(route.routeKeys ?? {}).map((group) => [group, group.replace(/^nxtP/, "")] as const);
    return { page: route.page, file, regex: new RegExp(route.namedRegex ?? route.regex), names };
  };
  // Next's order: a file in public/, then a static route, then the dynamic routes in the
  // manifest's order (most specific first).
  const ordered = [...(routes.staticRoutes ?? []), ...(routes.dynamicRoutes ?? [])].map(compile);
  const publicFiles = new Set(build.publicFiles);
  const headers = headerRules.map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }));

  return {
    route(pathname) {
      if (!pathname.startsWith("/api/") || pathname.endsWith("/")) return undefined;
      if (publicFiles.has(pathname) || elsewhere.some((regex) => regex.test(pathname))) return undefined;
      let match: RegExpExecArray | null = null;
      const found = ordered.find((route) => (match = route.regex.exec(pathname)));
      if (!found?.file || !match) return undefined;
      const params: Record<string, string> = {};
      for (const [group, name] of found.names) {
        const raw = (match as RegExpExecArray).groups?.[group];
        if (raw === undefined) return undefined;
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return undefined;
        }
      }
      return { page: found.page, file: found.file, params };
    },
    headers(pathname) {
      return headers.filter((rule) => rule.regex.test(pathname)).flatMap((rule) => rule.headers);
    },
  };
}

const readJsonFile = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;

function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}/${entry.name}`)
      : [`${prefix}/${entry.name}`],
  );
}

/** The routing of the production build in `distDir` (.next) of the app in `root`. */
export function readBuildRouting(root: string, distDir = path.join(root, ".next")): BuildRouting {
  const functions = readJsonFile(path.join(distDir, "server/functions-config-manifest.json")) as {
    functions?: Record<string, { matchers?: { regexp: string }[] }>;
  };
  const middleware = readJsonFile(path.join(distDir, "server/middleware-manifest.json")) as {
    middleware?: Record<string, { matchers?: { regexp: string }[] }>;
  };
  const matchers = [...Object.values(functions.functions ?? {}), ...Object.values(middleware.middleware ?? {})]
    .flatMap((entry) => entry.matchers ?? [])
    .map((matcher) => matcher.regexp);
  return {
    pages: readJsonFile(path.join(distDir, "server/pages-manifest.json")) as BuildRouting["pages"],
    routes: readJsonFile(path.join(distDir, "routes-manifest.json")) as BuildRouting["routes"],
    proxyMatchers: matchers,
    publicFiles: filesUnder(path.join(root, "public")),
  };
}

/** A built route module's handler if it reads its own body (ApiConfig), else undefined: Next serves it. */
export function directHandler(module: unknown): ApiHandler | undefined {
  const { config, default: handler } = (module ?? {}) as {
    config?: { api?: { bodyParser?: unknown } };
    default?: unknown;
  };
  return config?.api?.bodyParser === false && typeof handler === "function" ? (handler as ApiHandler) : undefined;
}

/**
 * The server's short way (`handle`) and the pages it serves so. `require` loads the build's
 * route modules and Next's cookie parser: the server's own, so that the modules are the
 * very ones Next loads. The Pages API routes are loaded here, before the server listens.
 */
export async function createDirectApi(root: string, require: NodeJS.Require) {
  let plan = NOTHING;
  const handlers = new Map<string, ApiHandler>();
  let parseCookies: (header: string) => Record<string, string> = () => ({});
  try {
    const build = readBuildRouting(root);
    ({ parse: parseCookies } = require("next/dist/compiled/cookie") as { parse: typeof parseCookies });
    for (const [page, file] of Object.entries(build.pages)) {
      if (!page.startsWith("/api/")) continue;
      // A Turbopack build's route file exports a promise of its module.
      const handler = directHandler(await require(path.join(root, ".next/server", file)));
      if (handler) handlers.set(page, handler);
    }
    plan = planDirectApi(build);
  } catch (err) {
    // A build or a Next.js whose files are not where or what they were in Next 16: Next routes everything.
    console.warn(`The JSON API goes through Next's router: ${String(err)}`);
    plan = NOTHING;
  }

  /** The handler: a promise when it has taken the request, undefined when Next should. */
  function handle(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
    const url = req.url ?? "/";
    const at = url.indexOf("?");
    const pathname = at === -1 ? url : url.slice(0, at);
    const route = plan.route(pathname);
    const handler = route && handlers.get(route.page);
    if (!route || !handler) return undefined;
    for (const { key, value } of plan.headers(pathname)) res.setHeader(key, value);
    const request = Object.assign(req, {
      query: { ...(at === -1 ? {} : parseQuery(url.slice(at + 1))), ...route.params },
      cookies: parseCookies(req.headers.cookie ?? ""),
    });
    return handler(request, res).catch((err: unknown) => {
      console.error(err);
      if (res.headersSent) return void res.destroy();
      res.statusCode = 500;
      res.end("Internal Server Error");
    });
  }
  return { handle, pages: [...handlers.keys()].sort() };
}
