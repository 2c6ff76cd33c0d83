import type { Choices } from "@/lib/db/zoom-import";
import { isTimeZone } from "@/lib/domain/profile";

/**
 * The admin's review choices as the preview form sends them: `a:<person key>` (a participant id, "ignore", or
 * a participant's e-mail, which the preview reads as their id), `o` (overrides), `zone` (the zone to read the report in; ignored unless a known zone) and `misfit` ("1":
 * import although the report's times do not fit the session).
 */
export function choicesFrom(entries: Iterable<[string, unknown]>): Choices {
  const assignments: Record<string, string> = {};
  const overrides = new Set<string>();
  const choices: Choices = { assignments, overrides };
  for (const [k, v] of entries) {
    if (k.startsWith("a:") && typeof v === "string" && v) assignments[k.slice(2)] = v.slice(0, 254);
    if (k === "o")
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === "string") overrides.add(id.slice(0, 40));
    if (k === "zone" && typeof v === "string" && isTimeZone(v)) choices.timeZone = v;
    if (k === "misfit" && v === "1") choices.acceptMisfit = true;
  }
  return choices;
}
