import { getTranslations } from "next-intl/server";

/**
 * The bulk decision buttons under a list: approve at once; refuse only from the
 * confirmation step (a `<details>`, so it works without JavaScript), whose button
 * alone sends `reject-confirmed`.
 */
export async function DecisionButtons({ list }: { list: "enrolments" | "excuses" }) {
  const t = await getTranslations("AdminInbox");
  const enrolments = list === "enrolments";
  return (
    <div className="mt-4 flex flex-wrap items-start gap-4">
      <button
        type="submit"
        name="decision"
        value="approve"
        className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        {enrolments ? t("approve") : t("accept")}
      </button>
      <details className="max-w-md">
        <summary className="cursor-pointer py-2 font-medium text-red-800 underline">
          {enrolments ? t("refuse") : t("reject")}
        </summary>
        <div className="mt-2 space-y-2 rounded-lg border border-red-200 bg-red-50 p-3">
          <p className="text-stone-900">{enrolments ? t("refuseAsk") : t("rejectAsk")}</p>
          <button
            type="submit"
            name="decision"
            value="reject-confirmed"
            className="rounded-lg bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800"
          >
            {enrolments ? t("refuseDo") : t("rejectDo")}
          </button>
        </div>
      </details>
    </div>
  );
}
