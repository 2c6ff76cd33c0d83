import type { Choices } from "@/lib/db/zoom-import";

/** The admin's review choices as the preview form sends them: `a:<person key>` (a participant id or "ignore") and `o` (overrides). */
export function choicesFrom(entries: Iterable<[string, unknown]>): Choices {
  const assignments: Record<string, string> = {};
  const overrides = new Set<string>();
  for (const [k, v] of entries) {
    if (k.startsWith("a:") && typeof v === "string" && v) assignments[k.slice(2)] = v.slice(0, 40);
    if (k === "o")
      for (const id of Array.isArray(v) ? v : [v]) if (typeof id === "string") overrides.add(id.slice(0, 40));
  }
  return { assignments, overrides };
}
