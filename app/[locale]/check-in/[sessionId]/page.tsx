import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireCompleteProfile } from "@/lib/auth/session";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { checkInSelf } from "./actions";

export const generateMetadata = () => privatePageMetadata("CheckIn");

const ERRORS = ["not-found", "closed", "wrong-code", "already-marked", "rate-limited"] as const;

export default async function CheckInPage({ params, searchParams }: PageProps<"/[locale]/check-in/[sessionId]">) {
  const { locale, sessionId } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const code = typeof query.code === "string" ? query.code.replace(/\D/g, "").slice(0, 6) : "";
  await requireCompleteProfile(`/check-in/${sessionId}${code ? `?code=${code}` : ""}`);
  const t = await getTranslations("CheckIn");
  const done = query.done === "PRESENT" || query.done === "LATE" ? query.done : undefined;
  const error = ERRORS.find((e) => e === query.error);
  const wait = Math.ceil(Number(query.wait ?? 60) / 60);
  return (
    <div className="mx-auto max-w-lg px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      {done ? (
        <>
          <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
            {t(`done.${done}`)}
          </p>
          <p className="mt-6">
            <Link href="/dashboard" className="font-medium text-brand-700 underline">
              {t("toCourse")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mt-2 text-stone-700">{t("intro")}</p>
          {error && (
            <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
              {t(`errors.${error}`, { minutes: wait })}
            </p>
          )}
          <form action={checkInSelf} className="mt-6 space-y-4">
            <input type="hidden" name="sessionId" value={sessionId} />
            <div>
              <label htmlFor="code" className="block font-medium text-stone-900">
                {t("code")}
              </label>
              <input
                id="code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                defaultValue={code}
                required
                pattern="[0-9 ]{6,7}"
                className="mt-1 block w-48 rounded-lg border border-stone-400 bg-white px-3 py-2 text-2xl tracking-widest text-stone-900 tabular-nums"
              />
            </div>
            <button
              type="submit"
              className="rounded-lg bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800"
            >
              {t("submit")}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
