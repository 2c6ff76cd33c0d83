import { getTranslations } from "next-intl/server";
import { siteTitle } from "@/lib/i18n/title";

/**
 * A page's <title> rendered by the page itself (React puts it in the document's head), as
 * the site's template writes it: "<text> · <site>". For a page whose title depends on what it
 * finds while rendering (a cohort, an enrolment's outcome); its generateMetadata sets the
 * title to null so that the layout's default is not a second, earlier <title>.
 */
export async function PageTitle({ text }: { text: string }) {
  const t = await getTranslations("Site");
  return <title>{siteTitle(t("name"), text)}</title>;
}
