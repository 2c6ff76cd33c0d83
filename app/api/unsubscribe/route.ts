// One-click unsubscribe (RFC 8058): the address in an optional mail's List-Unsubscribe
// header. A mail client POSTs "List-Unsubscribe=One-Click" to it from outside the site, so
// no Origin check applies: the link's signature (lib/mail/unsubscribe.ts) is the
// authority, and it can only turn the named kind of mail off.
import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { unsubscribeByLink } from "@/lib/mail/unsubscribe-link";
import { parseUnsubscribeLink } from "@/lib/schemas/unsubscribe";
import { answerUnavailable } from "@/lib/http/unavailable";

const MAX_BODY = 1024;

async function handlePost(req: NextRequest) {
  const link = parseUnsubscribeLink(Object.fromEntries(req.nextUrl.searchParams));
  if (!link) return Response.json({ error: "invalid-link" }, { status: 400 });
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY)
    return Response.json({ error: "too-large" }, { status: 413 });
  const done = await unsubscribeByLink(getDb(), link);
  if (!done) return Response.json({ error: "invalid-link" }, { status: 400 });
  return Response.json({ ok: true, unsubscribed: link.k }, { headers: { "Cache-Control": "no-store" } });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const POST = answerUnavailable(handlePost);
