import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { LinkedText } from "@/components/ui/linked-text";
import { z } from "zod";
import { CohortHeader } from "@/components/admin/cohort-header";
import { requireCohortManager } from "@/lib/auth/session";
import { issueContext, issuerName } from "@/lib/certificates/context";
import { getDb } from "@/lib/db";
import { audienceCounts, getAnnouncement, listCohortAnnouncements } from "@/lib/db/announcements";
import { getCohortForAdmin } from "@/lib/db/cohorts-admin";
import { AUDIENCES, paragraphs, type Audience } from "@/lib/domain/announcements";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { discardAnnouncementDraftAction, saveAnnouncementDraftAction, sendAnnouncementAction } from "./actions";
import { inputClass as input } from "@/components/ui/control-classes";
import { ZId } from "@/lib/schemas/common";

export const generateMetadata = () => privatePageMetadata("AdminAnnouncements");

const ZQuery = z.object({
  draft: ZId.optional().catch(undefined),
  edit: z.literal("1").optional().catch(undefined),
  sent: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  discarded: z.literal("1").optional().catch(undefined),
  error: z.enum(["subject", "body", "too-long", "not-found", "already-sent"]).optional().catch(undefined),
});

/**
 * Admin: write to the cohort's participants (everyone, or those still missing a quiz or
 * attendance). Typed text is saved as a draft and previewed, with the number it will reach,
 * before it is sent: by e-mail, and on each recipient's dashboard.
 */
export default async function CohortAnnouncementsPage({
  params,
  searchParams,
}: PageProps<"/[locale]/admin/cohorts/[id]/announcements">) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const admin = await requireCohortManager(id, `/admin/cohorts/${id}/announcements`);
  const query = ZQuery.parse(
    Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const db = getDb();
  const cohort = id.length <= 40 ? await getCohortForAdmin(db, id) : null;
  if (!cohort) notFound();
  const { lectures } = await issueContext();
  const [draft, counts, history] = await Promise.all([
    query.draft ? getAnnouncement(db, cohort.id, query.draft) : null,
    audienceCounts(db, cohort.id, lectures),
    listCohortAnnouncements(db, cohort.id),
  ]);
  const t = await getTranslations("AdminAnnouncements");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: admin.timeZone });
  const editing = draft && !draft.sentAt && query.edit === "1" ? draft : null;
  const previewing = draft && !draft.sentAt && !editing ? draft : null;
  const archived = cohort.archivedAt !== null;
  const fieldError = query.error === "subject" || query.error === "body" ? query.error : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <CohortHeader cohort={cohort} current="announcements" />
      <h2 className="mt-8 text-2xl font-semibold text-stone-900">{t("title")}</h2>
      <p className="mt-2 max-w-3xl text-stone-700">{t("intro")}</p>
      {query.sent !== undefined && (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 font-medium text-green-900">
          {t("sent", { count: query.sent })}
        </p>
      )}
      {query.discarded && (
        <p role="status" className="mt-6 rounded-lg border border-green-200 bg-green-50 p-4 text-green-900">
          {t("discarded")}
        </p>
      )}
      {query.error && (
        <p role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 font-medium text-red-900">
          {t(`errors.${query.error}`)}
        </p>
      )}
      {archived ? (
        <p className="mt-6 text-stone-700">{t("archived")}</p>
      ) : previewing ? (
        <section aria-labelledby="preview-title" className="mt-8 max-w-3xl">
          <h3 id="preview-title" className="text-xl font-semibold text-stone-900">
            {t("previewTitle")}
          </h3>
          <p className="mt-2 text-stone-800">
            {t("previewTo", {
              count: counts[previewing.audience as Audience],
              audience: t(`audienceShort.${previewing.audience as Audience}`),
            })}
          </p>
          <article className="mt-4 rounded-xl border border-stone-300 bg-white p-6" aria-label={t("previewLabel")}>
            <p className="text-sm text-stone-600">
              {t("subjectLine", { subject: `${previewing.subject} (${cohort.name})` })}
            </p>
            <p className="mt-4 text-stone-900">{t("greeting")}</p>
            {paragraphs(previewing.body).map((p, i) => (
              <p key={i} className="mt-3 whitespace-pre-line wrap-anywhere text-stone-900">
                <LinkedText text={p} />
              </p>
            ))}
            <p className="mt-4 text-sm text-stone-700">
              {issuerName()}, {cohort.name}
            </p>
          </article>
          <div className="mt-6 flex flex-wrap items-center gap-4">
            <form action={sendAnnouncementAction}>
              <input type="hidden" name="cohortId" value={cohort.id} />
              <input type="hidden" name="draftId" value={previewing.id} />
              <button
                type="submit"
                disabled={counts[previewing.audience as Audience] === 0}
                className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:bg-stone-500"
              >
                {t("send", { count: counts[previewing.audience as Audience] })}
              </button>
            </form>
            <Link
              href={{
                pathname: `/admin/cohorts/${cohort.id}/announcements`,
                query: { draft: previewing.id, edit: "1" },
              }}
              className="font-medium text-brand-700 underline"
            >
              {t("edit")}
            </Link>
            <form action={discardAnnouncementDraftAction}>
              <input type="hidden" name="cohortId" value={cohort.id} />
              <input type="hidden" name="draftId" value={previewing.id} />
              <button type="submit" className="font-medium text-red-800 underline">
                {t("discard")}
              </button>
            </form>
          </div>
        </section>
      ) : (
        <form action={saveAnnouncementDraftAction} className="mt-8 max-w-3xl space-y-5">
          <input type="hidden" name="cohortId" value={cohort.id} />
          {editing && <input type="hidden" name="draftId" value={editing.id} />}
          <fieldset>
            <legend className="font-medium text-stone-900">{t("audience")}</legend>
            {AUDIENCES.map((a) => (
              <p key={a} className="mt-2 flex items-start gap-3">
                <input
                  type="radio"
                  id={`audience-${a}`}
                  name="audience"
                  value={a}
                  defaultChecked={(editing?.audience ?? "all") === a}
                  className="mt-1 h-4 w-4"
                />
                <label htmlFor={`audience-${a}`} className="text-stone-900">
                  {t(`audiences.${a}`, { count: counts[a] })}
                </label>
              </p>
            ))}
          </fieldset>
          <div>
            <label htmlFor="subject" className="block font-medium text-stone-900">
              {t("subject")}
            </label>
            <input
              id="subject"
              name="subject"
              required
              maxLength={150}
              defaultValue={editing?.subject ?? ""}
              aria-invalid={fieldError === "subject" ? true : undefined}
              aria-describedby={fieldError === "subject" ? "form-error" : undefined}
              className={input}
            />
          </div>
          <div>
            <label htmlFor="body" className="block font-medium text-stone-900">
              {t("body")}
            </label>
            <p id="body-hint" className="text-sm text-stone-600">
              {t("bodyHint")}
            </p>
            <textarea
              id="body"
              name="body"
              required
              rows={10}
              maxLength={5000}
              defaultValue={editing?.body ?? ""}
              aria-invalid={fieldError === "body" ? true : undefined}
              aria-describedby="body-hint"
              className={input}
            />
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("preview")}
          </button>
        </form>
      )}
      <section aria-labelledby="history-title" className="mt-12">
        <h3 id="history-title" className="text-xl font-semibold text-stone-900">
          {t("historyTitle")}
        </h3>
        {history.length === 0 ? (
          <p className="mt-2 text-stone-700">{t("none")}</p>
        ) : (
          <table className="mt-3 w-full text-start text-sm">
            <thead className="border-b border-stone-300 text-stone-700">
              <tr>
                <th scope="col" className="py-2 pe-4 text-start font-semibold">
                  {t("columns.when")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-semibold">
                  {t("columns.subject")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-semibold">
                  {t("columns.audience")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-semibold">
                  {t("columns.delivery")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-200">
              {history.map((a) => (
                <tr key={a.id}>
                  <td className="py-2 pe-4 text-stone-800">
                    {a.sentAt ? when(a.sentAt) : t("draft", { when: when(a.updatedAt) })}
                  </td>
                  <td className="py-2 pe-4 text-stone-900">
                    {a.sentAt ? (
                      a.subject
                    ) : (
                      <Link
                        href={{ pathname: `/admin/cohorts/${cohort.id}/announcements`, query: { draft: a.id } }}
                        className="text-brand-800 underline"
                      >
                        {a.subject || t("untitled")}
                      </Link>
                    )}
                    {a.author && (
                      <span className="block text-stone-600">{t("by", { name: a.author.name ?? a.author.email })}</span>
                    )}
                  </td>
                  <td className="py-2 pe-4 text-stone-800 first-letter:uppercase">
                    {t(`audienceShort.${a.audience}`)}
                  </td>
                  <td className="py-2 pe-4 text-stone-800">
                    {a.sentAt ? t("delivery", { recipients: a.recipientCount ?? 0, mailed: a.mailed }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {admin.role === "ADMIN" && (
          <p className="mt-4 text-sm text-stone-700">
            <Link
              href={{ pathname: "/admin/outbox", query: { kind: "announcement" } }}
              className="text-brand-800 underline"
            >
              {t("outboxLink")}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
