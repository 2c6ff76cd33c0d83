"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { endOwnSession } from "@/lib/db/user-sessions";
import { ZId } from "@/lib/schemas/common";

/** Ends one of the signed-in person's own sessions (another person's session id changes nothing). */
export async function endSession(form: FormData) {
  const user = await requireUser("/account");
  const id = ZId.safeParse(form.get("sessionId"));
  if (!id.success) return;
  await endOwnSession(getDb(), user.id, id.data);
  revalidatePath("/[locale]/(personal)/account", "page");
}
