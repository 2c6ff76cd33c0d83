import { getTranslations } from "next-intl/server";
import { getLecture } from "@/lib/content";
import { siteUrl } from "@/lib/http/site-url";
import { routing } from "@/lib/i18n/routing";
import { readingFileName, readingPdf, readingPdfPath, readingVersion } from "@/lib/readings";
import { answerUnavailable } from "@/lib/http/unavailable";

export const dynamic = "force-dynamic";

/**
 * A lecture's printable reading, for anyone (the lecture page is public). The address
 * carries the content version: the current one is cached for good; any other (an old
 * link, or none) is sent to the current one.
 */
async function handleGet(request: Request, { params }: RouteContext<"/api/lectures/[slug]/pdf">) {
  const { slug } = await params;
  const found = getLecture(slug);
  const version = readingVersion(slug);
  if (!found || !version) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  if (new URL(request.url).searchParams.get("v") !== version) {
    // A relative address: links are never built from the request's Host.
    return new Response(null, {
      status: 307,
      headers: { Location: readingPdfPath(slug)!, "Cache-Control": "no-cache" },
    });
  }
  const etag = `"${version}"`;
  const cache = { ETag: etag, "Cache-Control": "public, max-age=31536000, immutable" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: cache });

  const locale = routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: "ReadingPdf" });
  const tl = await getTranslations({ locale, namespace: "Lecture" });
  const { lecture } = found;
  const origin = siteUrl();
  const pdf = await readingPdf(
    slug,
    {
      kicker: t("kicker", { number: lecture.number }),
      speaker: t("speaker", {
        name: lecture.meta.speaker.name,
        role: lecture.meta.speaker.role,
        institution: lecture.meta.speaker.institution,
      }),
      source: t("source", { url: `${origin}/lectures/${slug}` }),
      objectivesTitle: tl("objectivesTitle"),
      keyFiguresTitle: tl("keyFiguresTitle"),
      keyFiguresHeader: [tl("figure"), tl("value"), tl("note")],
      pageLabel: (page, total) => t("page", { page, total }),
      footer: t("footer", { number: lecture.number, speaker: lecture.meta.speaker.name }),
      takeawaysTitle: tl("takeawaysTitle"),
      glossaryTitle: tl("glossaryTitle"),
      furtherReadingTitle: tl("furtherReadingTitle"),
      origin,
    },
    `${locale}:${origin}`,
  );
  return new Response(new Uint8Array(pdf!), {
    headers: {
      ...cache,
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${readingFileName(slug)}"`,
    },
  });
}

/** A database that cannot take the request now is answered 503 (lib/http/unavailable.ts). */
export const GET = answerUnavailable(handleGet);
