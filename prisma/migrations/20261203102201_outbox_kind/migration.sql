-- AlterTable
ALTER TABLE "outbound_emails" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'other';

-- CreateIndex
CREATE INDEX "outbound_emails_kind_created_at_idx" ON "outbound_emails"("kind", "created_at");

-- Mail written before kinds were kept: sign-in mail carries its callback link, an invitation says "Your place in".
UPDATE "outbound_emails" SET "kind" = 'sign-in' WHERE "text" LIKE '%/api/auth/callback/nodemailer%';
UPDATE "outbound_emails" SET "kind" = 'invitation' WHERE "kind" = 'other' AND "subject" LIKE 'Your place in %';

-- Only the kinds the code knows (lib/domain/outbox.ts MAIL_KINDS).
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_kind_known"
  CHECK ("kind" IN ('sign-in', 'invitation', 'notice', 'reminder', 'other'));
