import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";

// Locale routing for pages. The checks every request needs (a malformed address, the
// limit on certificate look-ups) are made before Next.js, in lib/http/front-door.ts.
export default createMiddleware(routing);

export const config = {
  // Everything but API routes, Next internals, files with an extension, and a
  // certificate's public page without a locale prefix: that page is served from the
  // cache at a thousand requests a second, which this proxy would halve, so
  // next.config.js rewrites it to the default locale itself.
  matcher: "/((?!api|_next|_vercel|verify/.|.*\\..*).*)",
};
