// The site's public address. Links in e-mails, certificates, QR codes and credentials,
// and the origin a state-changing request must come from, are built from configuration
// (SITE_URL), never from the request's Host or X-Forwarded-* headers, which a client or a
// misconfigured proxy can set to anything.

/** SITE_URL's origin ("https://training.example.org"), or undefined when it is unset or not an http(s) URL. */
export function configuredSiteUrl(value = process.env.SITE_URL): string | undefined {
  const text = value?.trim();
  if (!text || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  return url.origin;
}

/**
 * The public address without a trailing slash. The app's server (scripts/server.ts) sets
 * SITE_URL to http://localhost:<port> when it is not configured; the fallback here serves
 * code run outside that server (scripts, tests).
 */
export function siteUrl(): string {
  return configuredSiteUrl() ?? `http://localhost:${process.env.PORT || 3000}`;
}

/** Whether an Origin header names this site (browsers send it on every cross-site POST). */
export function isSiteOrigin(origin: string | null | undefined): boolean {
  if (!origin || !URL.canParse(origin)) return false;
  return new URL(origin).origin === siteUrl();
}

/**
 * The warning a production server prints at start when SITE_URL is not set (undefined
 * when there is nothing to say): behind a proxy, the address the server would otherwise
 * assume (http://localhost:<port>) is not the one people use.
 */
export function siteUrlWarning(env: { NODE_ENV?: string; SITE_URL?: string }): string | undefined {
  if (env.NODE_ENV !== "production" || configuredSiteUrl(env.SITE_URL)) return undefined;
  const given = env.SITE_URL?.trim() ? ` (${JSON.stringify(env.SITE_URL)} is not an http(s) address)` : "";
  return (
    `Warning: SITE_URL is not set${given}. Links in e-mails, certificates and credentials will point at ` +
    `http://localhost. Set SITE_URL to the site's public address, e.g. SITE_URL=https://training.example.org`
  );
}
