import { getFormatter, getTranslations } from "next-intl/server";
import { QuizOverrideForm } from "@/components/admin/quiz-override-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { DataTable } from "@/components/ui/data-table";
import type { listOverrideCandidates, listQuizOverrides } from "@/lib/db/quiz-overrides";
import { removeQuizOverrideAction } from "./actions";

type Person = { email: string; name: string | null; certificateName?: string | null };
const nameOf = (p: Person) => p.certificateName ?? p.name ?? p.email;

/** Up to this many participants are offered in a list; a larger cohort names the person by e-mail. */
export const CANDIDATES_LISTED = 100;

/**
 * The per-person arrangements at one quiz of a cohort: who has one, what it gives, who set it
 * and when; removing one asks to confirm first (a native disclosure, so it works without
 * JavaScript); and the form that adds or replaces one.
 */
export async function QuizOverrides(props: {
  cohort: { id: string; timeZone: string };
  slug: string;
  lectureNumber: number;
  overrides: Awaited<ReturnType<typeof listQuizOverrides>>;
  candidates: Awaited<ReturnType<typeof listOverrideCandidates>>;
  notice?: "removed" | "gone";
  /** The admin's own time zone, for showing when and until when. */
  timeZone: string;
}) {
  const { cohort, slug, overrides } = props;
  const t = await getTranslations("AdminQuizzes.overrides");
  const format = await getFormatter();
  const when = (d: Date, timeZone: string) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <section aria-labelledby="overrides-title" className="mt-10">
      <h2 id="overrides-title" className="text-xl font-semibold text-stone-900">
        {t("title")}
      </h2>
      <p className="mt-1 max-w-3xl text-stone-700">{t("intro", { number: props.lectureNumber })}</p>
      {props.notice && (
        <p role="status" className="mt-3 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
          {t(props.notice)}
        </p>
      )}
      {overrides.length === 0 ? (
        <p className="mt-3 text-stone-700">{t("none")}</p>
      ) : (
        <DataTable className="mt-4" headers={[t("person"), t("what"), t("setBy"), t("setAt"), t("actions")]}>
          {overrides.map((o) => (
            <tr key={o.user.id}>
              <th scope="row" className="px-4 py-3 text-start font-medium text-stone-900">
                {nameOf(o.user)}
                <span className="block text-sm font-normal text-stone-600">{o.user.email}</span>
              </th>
              <td className="px-4 py-3">
                {[
                  o.extraAttempts !== null && t("extraAttempts", { count: o.extraAttempts }),
                  o.extraMinutes !== null && t("extraMinutes", { count: o.extraMinutes }),
                  o.closesAt !== null && t("closesAt", { time: when(o.closesAt, cohort.timeZone) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td className="px-4 py-3">{nameOf(o.setBy)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{when(o.setAt, props.timeZone)}</td>
              <td className="px-4 py-3">
                <details>
                  <summary className="cursor-pointer font-medium text-red-800 underline">{t("remove")}</summary>
                  <form action={removeQuizOverrideAction} className="mt-2 space-y-2">
                    <input type="hidden" name="cohortId" value={cohort.id} />
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="userId" value={o.user.id} />
                    <p className="text-sm text-stone-800">{t("removeConfirm", { person: nameOf(o.user) })}</p>
                    <button
                      type="submit"
                      className="rounded-lg bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900"
                    >
                      {t("removeYes")}
                    </button>
                  </form>
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="mt-6 max-w-3xl rounded-xl border border-stone-200 bg-white p-6">
        <h3 className="text-lg font-semibold text-stone-900">{t("addTitle")}</h3>
        <p className="mt-1 text-stone-700">{t("addIntro")}</p>
        <div className="mt-4">
          <ClientMessages namespaces={["AdminQuizzes"]}>
            <QuizOverrideForm
              cohortId={cohort.id}
              slug={slug}
              timeZone={cohort.timeZone}
              people={
                props.candidates.length > CANDIDATES_LISTED
                  ? null
                  : props.candidates.map((p) => ({ id: p.id, label: `${nameOf(p)} (${p.email})` }))
              }
            />
          </ClientMessages>
        </div>
      </div>
    </section>
  );
}
