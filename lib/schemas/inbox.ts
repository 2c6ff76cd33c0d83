// A bulk decision from a cohort's inbox: the checked requests and what to do with them.
import { z } from "zod";
import { INBOX_MAX_IDS } from "@/lib/domain/inbox";
import { ZId } from "@/lib/schemas/common";

export const ZBulkDecision = z.object({
  cohortId: ZId,
  decision: z.enum(["approve", "reject"]),
  ids: z.array(ZId).min(1).max(INBOX_MAX_IDS),
  /** A refusal takes something away: only the confirmation step's button sends it. */
  confirm: z.literal("yes").optional(),
  /** The organiser's message to the participants, for excuse decisions. */
  note: z.string().trim().max(1000).optional(),
});
export type TBulkDecision = z.infer<typeof ZBulkDecision>;

/** The form's fields as the schema reads them (the checkboxes repeat the `ids` name). */
export function bulkDecisionInput(form: FormData) {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v !== "" ? v : undefined;
  };
  // The confirmation step's button says both what to do and that it was confirmed.
  const decision = text("decision");
  const confirmed = decision === "reject-confirmed";
  return {
    cohortId: text("cohortId"),
    decision: confirmed ? "reject" : decision,
    ids: form.getAll("ids").filter((v): v is string => typeof v === "string"),
    confirm: confirmed ? "yes" : undefined,
    note: text("note"),
  };
}
