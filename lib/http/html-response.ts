// Gives an HTML response its Content-Security-Policy and the matching nonce on its script
// tags (lib/http/html-nonce.ts), whoever writes it: a page Next renders, one it serves
// from its cache, an error page. Other responses pass through untouched, and so does one
// that sets a policy of its own (the server's shared page cache, the front door's refusals).
import type { ServerResponse } from "node:http";
import { createNonceInserter } from "./html-nonce";
import { contentSecurityPolicy, newNonce } from "./security-headers";

type Chunk = Buffer | string | Uint8Array;

/**
 * Wraps `res` (before anything else writes to it). Call it before compression wraps the
 * response, so that the rewriting sees the HTML as written, not compressed bytes.
 */
export function protectHtml(res: ServerResponse, dev = false): void {
  let rewrite: ReturnType<typeof createNonceInserter> | undefined;
  let decided = false;
  const decide = () => {
    if (decided) return;
    decided = true;
    if (res.headersSent) return;
    const type = String(res.getHeader("content-type") ?? "");
    if (!/^text\/html\b/i.test(type)) return;
    if (res.getHeader("content-encoding")) return; // already compressed by its writer: nothing to rewrite
    if (res.getHeader("content-security-policy")) return;
    const nonce = newNonce();
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, dev));
    // The body changes with every nonce: its length does, and a validator would let a
    // browser pair a cached body with another response's policy.
    res.removeHeader("content-length");
    res.removeHeader("etag");
    rewrite = createNonceInserter(nonce);
  };

  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // Apply the headers given here first, so that the decision sees them.
    const headers = rest.find((r) => typeof r === "object" && r !== null) as
      Record<string, string | string[] | number> | (string | string[])[] | undefined;
    const reason = rest.find((r) => typeof r === "string");
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] ?? "");
    } else if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    decide();
    return reason === undefined ? writeHead(status) : writeHead(status, reason);
  }) as typeof res.writeHead;

  const write = res.write.bind(res) as (chunk: Chunk, ...rest: unknown[]) => boolean;
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    decide();
    if (!rewrite || chunk === undefined || chunk === null) return write(chunk, ...rest);
    const encoding = typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined;
    const callback = rest.find((r) => typeof r === "function");
    const text = rewrite(typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    return callback ? write(text, "utf8", callback) : write(text, "utf8");
  }) as typeof res.write;

  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    decide();
    if (!rewrite) return end(...args);
    const callback = args.find((a) => typeof a === "function");
    const chunk = typeof args[0] === "function" ? undefined : (args[0] as Chunk | undefined | null);
    const encoding = typeof args[1] === "string" ? (args[1] as BufferEncoding) : undefined;
    const bytes =
      chunk === undefined || chunk === null
        ? undefined
        : typeof chunk === "string"
          ? Buffer.from(chunk, encoding)
          : Buffer.from(chunk);
    const rest = rewrite(bytes, true);
    return callback ? end(rest, "utf8", callback) : end(rest, "utf8");
  }) as typeof res.end;
}
