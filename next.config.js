// @ts-check
import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled at build time (next-intl's experimental `messages.precompile`, an
// option of its plugin): a page formats them without parsing their ICU syntax again on every
// request, which a CPU profile of the dashboard under load had put at about a tenth of its
// time. With it, `t.raw` returns a message's compiled form, not its text: format with `t`.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

export const DEFAULT_LOCALE = "en";

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // How long a shared cache (a CDN in front of the app) may keep serving a page past its
  // revalidate time while it fetches a fresh one: Cache-Control's stale-while-revalidate
  // is expireTime minus revalidate. Next's default (a year) would let a CDN show a
  // revoked certificate's /verify page as valid long after; with this it is at most
  // 10 minutes (the page's 5 minutes, then 5 stale). The app's own cache is revalidated
  // at once when a certificate is revoked or reissued.
  expireTime: 600,
  reactStrictMode: true,
  // scripts/server.ts compresses responses itself, after it has put the nonces of the
  // Content-Security-Policy into HTML, and sets the security headers on every response
  // (the JSON API and the front door's own answers included).
  compress: false,
  // The page cache is kept in memory, bounded in size, and stores only successful pages:
  // an unknown /verify/<code> must not grow it.
  cacheHandler: fileURLToPath(new URL("./lib/http/page-cache-handler.cjs", import.meta.url)),
  // The health check reads the migration folder names at run time.
  // Certificate PDFs are rendered by worker threads that load lib/certificates/pdf-worker.mjs
  // (through tsx) and the Noto fonts from disk at run time.
  outputFileTracingIncludes: {
    "/api/health": ["./prisma/migrations/**/*"],
    "/api/certificates/**": [
      "./lib/certificates/**/*",
      "./node_modules/@expo-google-fonts/*/400Regular/*.ttf",
      "./node_modules/@expo-google-fonts/*/700Bold/*.ttf",
    ],
    "/api/admin/cohorts/**": [
      "./lib/certificates/**/*",
      "./node_modules/@expo-google-fonts/*/400Regular/*.ttf",
      "./node_modules/@expo-google-fonts/*/700Bold/*.ttf",
    ],
  },
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "piscina", "pdf-lib", "@pdf-lib/fontkit", "tsx"],
  // The admin's uploads go through server actions: a Zoom report of up to 5 MB, or a
  // roster of up to 2 MB, plus the form's overhead (lib/http/body-limit.ts: adminBytes).
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // A certificate's public page skips proxy.ts (see its matcher): the default locale's
  // page answers it, as next-intl would have made it. Keep in step with
  // lib/i18n/routing.ts (a unit test checks).
  async rewrites() {
    return { beforeFiles: [{ source: "/verify/:code", destination: `/${DEFAULT_LOCALE}/verify/:code` }] };
  },
  // scripts/server.ts sets these and the rest of lib/http/security-headers.ts on every
  // response, the participant API's included; Next's own rules carry them too, so that a
  // page served without that server (`next start`, `next dev`) still has them.
  async headers() {
    return [
      // The site's icon (app/icon.svg). Next sends it with max-age=0 and no validator, and
      // Chromium asks for a page's icon again after every navigation, client-side ones too:
      // a whole new download each time. Kept a day, it comes from the browser's cache; the
      // pages link it with a hash of its content in the query, so a new icon is fetched at once.
      { source: "/icon.svg", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
