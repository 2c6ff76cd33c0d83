// Sends mail through SMTP when SMTP_URL is set; otherwise the local sink keeps
// it (in the database, readable at /admin/outbox) and prints it to the log. With SMTP
// the database keeps a copy without sign-in secrets (storedCopy).
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";
import { markEmailSent, recordEmail, type OutboundEmailInput } from "@/lib/db/outbox";
import { maskSignInSecrets } from "./sign-in-email";

let smtp: Transporter | undefined;

/** What the outbox keeps of a mail: all of it in the local sink (the only copy), else no sign-in secret. */
export function storedCopy(mail: OutboundEmailInput, transport: "sink" | "smtp"): OutboundEmailInput {
  return transport === "sink" ? mail : maskSignInSecrets(mail);
}

export const MAIL_FROM = () => process.env.MAIL_FROM ?? "BTBU-ECOSF Training <no-reply@localhost>";

export async function sendMail(
  db: Db,
  mail: OutboundEmailInput,
  env: { SMTP_URL?: string } = { SMTP_URL: process.env.SMTP_URL },
): Promise<{ id: string }> {
  const to = mail.to.toLowerCase();
  if (!env.SMTP_URL) {
    const { id } = await recordEmail(db, { ...mail, to }, "sink");
    await markEmailSent(db, id);
    console.log(
      `\n[mail sink] To: ${to}\n[mail sink] Subject: ${mail.subject}\n${mail.text.replace(/^/gm, "[mail sink] ")}\n`,
    );
    return { id };
  }
  const { id } = await recordEmail(db, storedCopy({ ...mail, to }, "smtp"), "smtp");
  smtp ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await smtp.sendMail({ from: MAIL_FROM(), to, subject: mail.subject, text: mail.text, html: mail.html });
    await markEmailSent(db, id);
  } catch (err) {
    await markEmailSent(db, id, err instanceof Error ? err.message : String(err));
    throw err;
  }
  return { id };
}
