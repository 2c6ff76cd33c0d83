// Sends mail through SMTP when SMTP_URL is set; otherwise the local sink keeps
// it (in the database, readable at /admin/outbox) and prints it to the log.
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";
import { markEmailSent, recordEmail, type OutboundEmailInput } from "@/lib/db/outbox";

let smtp: Transporter | undefined;

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
  const { id } = await recordEmail(db, { ...mail, to }, "smtp");
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
