import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { DataTable } from "@/components/ui/data-table";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { JOB_NAMES, jobCounts, listFailedJobs, type JobName } from "@/lib/db/jobs";
import { listOutbox } from "@/lib/db/outbox";
import { MAIL_KINDS, OUTBOX_STATUSES, outboxStatus, type MailKind } from "@/lib/domain/outbox";
import { firstValues, ZSearch } from "@/lib/domain/paging";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { Link } from "@/lib/i18n/navigation";
import { maskSignInSecrets } from "@/lib/mail/sign-in-email";
import { retryJobAction } from "./actions";
import { CONTROL } from "@/components/ui/control-classes";

export const generateMetadata = () => privatePageMetadata("Outbox");

const ZView = z.object({
  to: ZSearch,
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  kind: z.enum(MAIL_KINDS).optional().catch(undefined),
  retried: z.literal("1").optional().catch(undefined),
  error: z.literal("not-failed").optional().catch(undefined),
});

const input = `mt-1 ${CONTROL}`;

export default async function OutboxPage({ params, searchParams }: PageProps<"/[locale]/admin/outbox">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const admin = await requireAdmin("/admin/outbox");
  const view = ZView.parse(firstValues(await searchParams));
  const t = await getTranslations("Outbox");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: admin.timeZone });
  const db = getDb();
  const [rows, failedJobs, counts] = await Promise.all([
    listOutbox(db, { take: 100, to: view.to || undefined, status: view.status, kind: view.kind }),
    listFailedJobs(db),
    jobCounts(db),
  ]);
  const taskName = (task: string) => (JOB_NAMES.includes(task as JobName) ? t(`task.${task as JobName}`) : task);
  // Sign-in codes and link tokens are never shown: an admin cannot sign in as someone else.
  const emails = rows.map(maskSignInSecrets);
  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-2 text-stone-700">{t("intro")}</p>
      <p className="mt-2 text-stone-700">{t("queue", { waiting: counts.waiting, failed: counts.failed })}</p>
      {view.retried && (
        <p role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 p-3 text-green-900">
          {t("retried")}
        </p>
      )}
      {view.error && (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-medium text-red-900">
          {t("notFailed")}
        </p>
      )}

      {failedJobs.length > 0 && (
        <section aria-labelledby="failed-jobs-title" className="mt-8">
          <h2 id="failed-jobs-title" className="text-xl font-semibold text-stone-900">
            {t("failedJobsTitle")}
          </h2>
          <p className="mt-1 text-stone-700">{t("failedJobsIntro")}</p>
          <DataTable
            className="mt-3"
            stacked
            headers={[t("jobTask"), t("jobError"), t("jobFailedAt"), t("jobActions")]}
          >
            {failedJobs.map((job) => (
              <tr key={job.id}>
                <th scope="row" className="px-4 py-2 text-start font-medium text-stone-900">
                  {taskName(job.task)}
                  <span className="block text-sm font-normal text-stone-600">
                    {t("attempts", { count: job.attempts })}
                  </span>
                </th>
                <td className="px-4 py-2 break-words text-stone-800" data-label={t("jobError")}>
                  {job.lastError ?? "—"}
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-stone-700" data-label={t("jobFailedAt")}>
                  {when(job.failedAt)}
                </td>
                <td className="px-4 py-2">
                  <form action={retryJobAction}>
                    <input type="hidden" name="jobId" value={job.id} />
                    <button
                      type="submit"
                      className="rounded bg-brand-700 px-3 py-1 font-medium text-white hover:bg-brand-800"
                      aria-label={`${t("retry")}: ${taskName(job.task)}, ${when(job.failedAt)}`}
                    >
                      {t("retry")}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      <section aria-labelledby="messages-title" className="mt-8">
        <h2 id="messages-title" className="text-xl font-semibold text-stone-900">
          {t("messagesTitle")}
        </h2>
        <form method="get" role="search" aria-label={t("filter")} className="mt-3 flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="outbox-to" className="block text-sm font-medium text-stone-900">
              {t("filterTo")}
            </label>
            <input id="outbox-to" name="to" type="search" maxLength={100} defaultValue={view.to} className={input} />
          </div>
          <div>
            <label htmlFor="outbox-status" className="block text-sm font-medium text-stone-900">
              {t("filterStatus")}
            </label>
            <select id="outbox-status" name="status" defaultValue={view.status ?? ""} className={input}>
              <option value="">{t("anyStatus")}</option>
              {OUTBOX_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t("status", { status: s })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="outbox-kind" className="block text-sm font-medium text-stone-900">
              {t("filterKind")}
            </label>
            <select id="outbox-kind" name="kind" defaultValue={view.kind ?? ""} className={input}>
              <option value="">{t("anyKind")}</option>
              {MAIL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("apply")}
          </button>
        </form>
        {emails.length === 0 ? (
          <p className="mt-6 text-stone-700">{t("empty")}</p>
        ) : (
          <DataTable className="mt-6" stacked headers={[t("sent"), t("to"), t("subject"), t("transport")]}>
            {emails.map((e) => {
              const status = outboxStatus(e);
              return (
                <tr key={e.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-stone-700">{when(e.createdAt)}</td>
                  <td className="px-4 py-2 break-all text-stone-900" data-label={t("to")}>
                    {e.to}
                  </td>
                  <td className="px-4 py-2" data-label={t("subject")}>
                    <Link href={`/admin/outbox/${e.id}`} className="font-medium text-brand-700 underline">
                      {e.subject}
                    </Link>
                    <span className="block text-sm text-stone-600">{t(`kind.${e.kind as MailKind}`)}</span>
                  </td>
                  <td className="px-4 py-2 text-stone-700" data-label={t("transport")}>
                    <span className={status === "failed" ? "font-medium text-red-800" : undefined}>
                      {t("statusOf", { status, transport: e.transport, attempts: e.attempts })}
                    </span>
                    {status !== "sent" && e.error && (
                      <span className="block text-sm break-words text-stone-700">
                        {t("lastError", { error: e.error })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>
    </div>
  );
}
