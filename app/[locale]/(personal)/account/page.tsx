import { cookies } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { signOut } from "@/lib/auth";
import { requireCompleteProfile } from "@/lib/auth/session";
import { SESSION_COOKIES } from "@/lib/auth/session-token";
import { getDb } from "@/lib/db";
import { listOwnEnrolments } from "@/lib/db/enrolments";
import { listOwnSessions } from "@/lib/db/user-sessions";
import { Link } from "@/lib/i18n/navigation";
import { privatePageMetadata } from "@/lib/i18n/metadata";
import { SessionsList } from "./sessions-list";
import { openCohortsTag } from "@/components/cohorts/open-cohorts-link";

export const generateMetadata = () => privatePageMetadata("Auth", "accountTitle");

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/" });
}

export default async function AccountPage({ params }: PageProps<"/[locale]/account">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireCompleteProfile("/account");
  const t = await getTranslations("Auth");
  const tp = await getTranslations("Profile");
  const te = await getTranslations("Enrol");
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  const [enrolments, sessions] = await Promise.all([
    listOwnEnrolments(getDb(), user.id),
    listOwnSessions(getDb(), user.id, token),
  ]);
  return (
    <div className="mx-auto max-w-2xl px-4 py-14 sm:px-6">
      <h1 className="text-3xl font-bold text-stone-900">{t("accountTitle")}</h1>
      <div className="mt-6 rounded-xl border border-stone-200 bg-white p-6">
        <p className="text-stone-900 wrap-anywhere">{t("signedInAs", { email: user.email ?? "" })}</p>
        <p className="mt-1 text-sm text-stone-600">{t("role", { role: user.role })}</p>
        <p className="mt-4">
          <Link href="/profile" className="font-medium text-brand-700 underline">
            {tp("edit")}
          </Link>
        </p>
        <form action={signOutAction} className="mt-6">
          <button
            type="submit"
            className="rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 hover:border-brand-600"
          >
            {t("signOut")}
          </button>
        </form>
      </div>
      <section aria-labelledby="cohorts-title" className="mt-8">
        <h2 id="cohorts-title" className="text-xl font-semibold text-stone-900">
          {te("yourCohorts")}
        </h2>
        {enrolments.length === 0 ? (
          <p className="mt-2 text-stone-700">{te.rich("noCohorts", openCohortsTag)}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {enrolments.map((e) => (
              <li key={e.cohort.name} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="font-medium text-stone-900">{e.cohort.name}</p>
                <p className="text-sm text-stone-600">{te("status", { status: e.status })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <SessionsList sessions={sessions} timeZone={user.timeZone} />
      <section aria-labelledby="data-title" className="mt-8">
        <h2 id="data-title" className="text-xl font-semibold text-stone-900">
          {t("dataTitle")}
        </h2>
        <p className="mt-1 text-sm text-stone-700">{t("dataIntro")}</p>
        <p className="mt-3">
          <a href="/api/account/data" download className="font-medium text-brand-700 underline">
            {t("dataDownload")}
          </a>
        </p>
      </section>
      {(user.role === "ADMIN" || user.role === "ORGANISER") && (
        <section aria-labelledby="admin-title" className="mt-8">
          <h2 id="admin-title" className="text-xl font-semibold text-stone-900">
            {t("adminTools")}
          </h2>
          <ul className="mt-3 list-disc ps-5">
            <li>
              <Link href="/admin/cohorts" className="font-medium text-brand-700 underline">
                {t("cohortsLink")}
              </Link>
            </li>
            {user.role === "ADMIN" && (
              <>
                <li>
                  <Link href="/admin/outbox" className="font-medium text-brand-700 underline">
                    {t("outboxLink")}
                  </Link>
                </li>
                <li>
                  <Link href="/admin/people" className="font-medium text-brand-700 underline">
                    {t("peopleLink")}
                  </Link>
                </li>
                <li>
                  <Link href="/admin/audit" className="font-medium text-brand-700 underline">
                    {t("auditLink")}
                  </Link>
                </li>
                <li>
                  <Link href="/account/security" className="font-medium text-brand-700 underline">
                    {t("securityLink")}
                  </Link>
                </li>
              </>
            )}
          </ul>
        </section>
      )}
    </div>
  );
}
