"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { retryFailedJob } from "@/lib/db/jobs";
import { redirect } from "@/lib/i18n/navigation";

const ZJobId = z.string().regex(/^\d{1,18}$/);

/** Runs a background job that failed for good again, now, with its attempts counted afresh. */
export async function retryJobAction(form: FormData) {
  const admin = await requireAdmin("/admin/outbox");
  const locale = await getLocale();
  const id = ZJobId.safeParse(form.get("jobId"));
  const db = getDb();
  const retried = id.success && (await retryFailedJob(db, id.data));
  if (retried) await recordAudit(db, { action: "job.retried", actorId: admin.id, entity: "job", entityId: id.data });
  revalidatePath("/[locale]/(personal)/admin/outbox", "page");
  redirect({
    href: { pathname: "/admin/outbox", query: retried ? { retried: "1" } : { error: "not-failed" } },
    locale,
  });
}
