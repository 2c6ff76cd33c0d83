import { createRequire } from "node:module";
import { beforeEach, describe, expect, it } from "vitest";

type Entry = { value: unknown; lastModified: number } | null;
type Handler = {
  get(key: string): Promise<Entry>;
  set(key: string, data: unknown, ctx?: { tags?: string[]; cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
};
type HandlerClass = {
  new (options?: unknown): Handler;
  MAX_BYTES: number;
  usage(): { entries: number; bytes: number };
  clear(): void;
};

const PageCacheHandler = createRequire(import.meta.url)("../../lib/http/page-cache-handler.cjs") as HandlerClass;

const page = (status: number | undefined, html = "<p>page</p>", tags = "_N_T_/layout,_N_T_/en/verify/A") => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from("rsc"),
  segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  headers: { "x-next-cache-tags": tags },
  status,
});

beforeEach(() => PageCacheHandler.clear());

describe("the page cache handler", () => {
  it("stores a successful page and gives it back, to any handler of the process", async () => {
    await new PageCacheHandler().set("/en/verify/A", page(200), { cacheControl: { revalidate: 300 } });
    const entry = await new PageCacheHandler().get("/en/verify/A");
    expect(entry?.value).toMatchObject({ kind: "APP_PAGE", status: 200 });
    expect(entry?.lastModified).toBeGreaterThan(0);
    expect(await new PageCacheHandler().get("/en/verify/B")).toBeNull();
  });

  it.each([
    ["a 404 page", page(404)],
    ["a 500 page", page(500)],
    ["a redirect page", page(307)],
    ["a Pages Router redirect", { kind: "REDIRECT", props: {} }],
    ["nothing (a Pages Router notFound)", null],
  ])("stores nothing for %s, and drops what the key held", async (_, refusal) => {
    const handler = new PageCacheHandler();
    await handler.set("/en/verify/A", page(200));
    await handler.set("/en/verify/A", refusal);
    expect(await handler.get("/en/verify/A")).toBeNull();
    expect(PageCacheHandler.usage()).toEqual({ entries: 0, bytes: 0 });
  });

  it("holds no more than its size: past it the least recently used pages go", async () => {
    const handler = new PageCacheHandler();
    const html = "x".repeat(PageCacheHandler.MAX_BYTES / 40); // a twentieth of the bound (2 bytes a character)
    for (let i = 0; i < 30; i++) {
      await handler.set(`/page/${i}`, page(200, html));
      if (i >= 1) await handler.get("/page/0"); // kept in use
    }
    const { entries, bytes } = PageCacheHandler.usage();
    expect(bytes).toBeLessThanOrEqual(PageCacheHandler.MAX_BYTES);
    expect(entries).toBeLessThan(20);
    expect(await handler.get("/page/0")).not.toBeNull();
    expect(await handler.get("/page/1")).toBeNull();
    expect(await handler.get("/page/29")).not.toBeNull();
  });

  it("does not store a page larger than an eighth of its size", async () => {
    const handler = new PageCacheHandler();
    await handler.set("/big", page(200, "x".repeat(PageCacheHandler.MAX_BYTES / 8)));
    expect(await handler.get("/big")).toBeNull();
  });

  it("drops the entries a revalidated tag names: a page's from its tags header, a fetch's from ctx.tags", async () => {
    const handler = new PageCacheHandler();
    await handler.set("/en/verify/A", page(200, "a", "_N_T_/layout,_N_T_/[locale]/verify/[code]/page"));
    await handler.set("/en/lectures/x", page(200, "b", "_N_T_/layout,_N_T_/[locale]/lectures/[slug]/page"));
    await handler.set("fetch-key", { kind: "FETCH", data: { body: "{}" }, revalidate: 60 }, { tags: ["roster"] });
    await handler.revalidateTag("_N_T_/[locale]/verify/[code]/page");
    expect(await handler.get("/en/verify/A")).toBeNull();
    expect(await handler.get("/en/lectures/x")).not.toBeNull();
    await handler.revalidateTag(["other", "roster"]);
    expect(await handler.get("fetch-key")).toBeNull();
    expect(await handler.get("/en/lectures/x")).not.toBeNull();
  });
});
