import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { allowLookup } from "@/lib/http/lookup-limit";
import { routing } from "@/lib/i18n/routing";

const intl = createMiddleware(routing);

// A certificate's public page, with or without a locale prefix. The page itself is cached
// (it must answer fast), so the per-client limit on look-ups is applied here.
const VERIFY_PAGE = /^\/(?:[a-z]{2,3}(?:-[A-Za-z]{2,4})?\/)?verify\/[^/]+\/?$/;

const tooMany = (seconds: number) =>
  new NextResponse(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many look-ups</title></head><body><main><h1>Too many look-ups</h1><p>Too many certificate look-ups from your connection. Please try again in ${seconds} seconds.</p></main></body></html>`,
    { status: 429, headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(seconds), "Cache-Control": "no-store" } },
  );

const badRequest = () =>
  new NextResponse(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request</title></head><body><main><h1>Bad request</h1><p>The address is not valid.</p></main></body></html>`, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export default async function proxy(request: NextRequest) {
  // A malformed %-escape would otherwise end in a 500 further down.
  if (!decodable(request.nextUrl.pathname)) return badRequest();
  if (VERIFY_PAGE.test(request.nextUrl.pathname)) {
    const allowed = await allowLookup(request.headers);
    if (!allowed.ok) return tooMany(allowed.retryAfterSeconds);
  }
  return intl(request);
}

export const config = {
  // Everything but API routes, Next internals and files with an extension.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
