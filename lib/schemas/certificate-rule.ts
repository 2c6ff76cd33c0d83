import { z } from "zod";
import type { CertificateRule } from "@/lib/domain/certificates";

/** The admin's certificate-rule form: a whole percentage, the ticked lectures, the auto-issue box. */
export function parseCertificateRuleForm(
  form: FormData,
  lectureSlugs: readonly string[],
): { ok: true; rule: CertificateRule } | { ok: false; error: "minAttendancePercent" | "requiredQuizzes" } {
  const percent = z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .safeParse(String(form.get("minAttendancePercent") ?? "").trim() || "x");
  if (!percent.success) return { ok: false, error: "minAttendancePercent" };
  const ticked = form.getAll("requiredQuizzes").map(String);
  if (ticked.some((s) => !lectureSlugs.includes(s))) return { ok: false, error: "requiredQuizzes" };
  return {
    ok: true,
    rule: {
      minAttendancePercent: percent.data,
      requiredQuizzes: lectureSlugs.filter((s) => ticked.includes(s)),
      autoIssue: form.get("autoIssue") === "on",
    },
  };
}
