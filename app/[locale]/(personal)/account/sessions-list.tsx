import { getFormatter, getTranslations } from "next-intl/server";
import type { OwnSession } from "@/lib/db/user-sessions";
import { endSession } from "./actions";

/** The person's signed-in sessions (devices), each with a button that ends it. */
export async function SessionsList({ sessions, timeZone }: { sessions: OwnSession[]; timeZone: string }) {
  const t = await getTranslations("Sessions");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <section aria-labelledby="sessions-title" className="mt-8">
      <h2 id="sessions-title" className="text-xl font-semibold text-stone-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-stone-700">{t("intro")}</p>
      <ul className="mt-3 space-y-2">
        {sessions.map((s, i) => (
          <li
            key={s.id}
            aria-labelledby={`session-${i}`}
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white p-4"
            data-testid="session"
          >
            <div>
              <p id={`session-${i}`} className="font-medium text-stone-900">
                {s.current ? t("current") : t("other", { number: i + 1 })}
              </p>
              <p className="text-sm text-stone-700">{t("signedIn", { at: when(s.createdAt) })}</p>
              <p className="text-sm text-stone-700">{t("lastUsed", { at: when(s.lastUsedAt) })}</p>
              <p className="text-sm text-stone-700">{t("endsAt", { at: when(s.endsAt) })}</p>
            </div>
            <form action={endSession}>
              <input type="hidden" name="sessionId" value={s.id} />
              <button
                type="submit"
                className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
              >
                {t("end")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
