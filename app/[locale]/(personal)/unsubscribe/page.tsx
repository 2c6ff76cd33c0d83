import { getTranslations, setRequestLocale } from "next-intl/server";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { isGenuineLink } from "@/lib/mail/unsubscribe-link";
import { parseUnsubscribeLink } from "@/lib/schemas/unsubscribe";
import { unsubscribeAction } from "./actions";

export const generateMetadata = () => privatePageMetadata("Unsubscribe");

/**
 * Where the link at the foot of a reminder or an announcement leads: it asks before it acts,
 * since mail scanners open every link in a message. Mail clients use the one-click address
 * of the List-Unsubscribe header instead (app/api/unsubscribe/route.ts).
 */
export default async function UnsubscribePage({ params, searchParams }: PageProps<"/[locale]/unsubscribe">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const link = parseUnsubscribeLink(query);
  const genuine = link !== undefined && isGenuineLink(link);
  const done = genuine && query.done === "1";
  const t = await getTranslations("Unsubscribe");
  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      {!genuine ? (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          {t("invalid")}
        </p>
      ) : done ? (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t("done", { kind: link.k })}
        </p>
      ) : (
        <form action={unsubscribeAction} className="mt-6">
          <p className="text-stone-800">{t("question", { kind: link.k })}</p>
          <p className="mt-2 text-stone-700">{t("stillSent")}</p>
          <input type="hidden" name="u" value={link.u} />
          <input type="hidden" name="k" value={link.k} />
          <input type="hidden" name="t" value={link.t} />
          <button
            type="submit"
            className="mt-6 rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            {t("confirm", { kind: link.k })}
          </button>
        </form>
      )}
      <p className="mt-8 text-stone-700">
        {t.rich("profile", {
          link: (chunks) => (
            <Link href="/profile#mail" className="font-medium text-brand-700 underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}
