/**
 * How the site writes a page's <title>: its parts, the most specific first, then the site's
 * name, joined by " · " ("Participants · <cohort> · <site>"). A part may be Next.js's "%s",
 * which makes a layout's title template of it.
 */
export function siteTitle(site: string, ...parts: string[]): string {
  return [...parts, site].join(" · ");
}
