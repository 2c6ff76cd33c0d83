import { once } from "node:events";
import { Readable } from "node:stream";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { readJson } from "@/lib/http/api";

/** A request whose body arrives in `chunks`. */
const requestOf = (...chunks: (string | Buffer)[]) =>
  Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;
const accented = Buffer.from('{"a":"é中"}');

describe("readJson (the JSON API's request bodies)", () => {
  it.each<[string, (string | Buffer)[], number, Awaited<ReturnType<typeof readJson>>]>([
    ["no body", [], 100, { ok: true, value: undefined }],
    ["only white space", ["  \n"], 100, { ok: true, value: undefined }],
    [
      "an object",
      ['{"questionId":"q1",', '"response":{"type":"true-false","value":true}}'],
      100,
      { ok: true, value: { questionId: "q1", response: { type: "true-false", value: true } } },
    ],
    [
      "a character's UTF-8 bytes split across chunks",
      [accented.subarray(0, 7), accented.subarray(7, 10), accented.subarray(10)],
      100,
      { ok: true, value: { a: "é中" } },
    ],
    ["not JSON", ["{not json"], 100, { ok: false, status: 400 }],
    ["exactly the limit", ['{"a":"' + "x".repeat(92) + '"}'], 100, { ok: true, value: { a: "x".repeat(92) } }],
    ["one byte over the limit", ['{"a":"' + "x".repeat(93) + '"}'], 100, { ok: false, status: 413 }],
    ["over the limit in a later chunk", ['{"a":"', "x".repeat(200), '"}'], 100, { ok: false, status: 413 }],
  ])("%s", async (_, chunks, limit, expected) => {
    expect(await readJson(requestOf(...chunks), limit)).toEqual(expected);
  });

  it("reads the rest of an oversized body, so the connection can serve the next request", async () => {
    const req = requestOf("x".repeat(50), "y".repeat(50), "z".repeat(50));
    expect(await readJson(req, 60)).toEqual({ ok: false, status: 413 });
    if (!req.readableEnded) await once(req, "end"); // never comes for a body left unread
    expect(req.readableEnded).toBe(true);
  });
});
