-- AlterTable
ALTER TABLE "users" ADD COLUMN     "mail_opt_outs" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "outbound_emails" ADD COLUMN     "unsubscribe_url" TEXT;

-- CreateTable
CREATE TABLE "announcements" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "author_id" TEXT,
    "audience" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "recipient_count" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "announcements_cohort_id_created_at_idx" ON "announcements"("cohort_id", "created_at");

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only the audiences and opt-out kinds the code knows (lib/domain/announcements.ts, lib/domain/mail-preferences.ts).
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_audience_known"
  CHECK ("audience" IN ('all', 'missing-quiz', 'missing-attendance'));
ALTER TABLE "users" ADD CONSTRAINT "users_mail_opt_outs_known"
  CHECK ("mail_opt_outs" <@ ARRAY['reminder', 'announcement']::text[]);

-- A sent announcement says how many it went to, a draft does not.
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_sent_has_count"
  CHECK (("sent_at" IS NULL) = ("recipient_count" IS NULL));

-- Announcements are a kind of mail of their own (lib/domain/outbox.ts MAIL_KINDS).
ALTER TABLE "outbound_emails" DROP CONSTRAINT "outbound_emails_kind_known";
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_kind_known"
  CHECK ("kind" IN ('sign-in', 'invitation', 'notice', 'reminder', 'announcement', 'other'));

-- The job of an announcement reads the notices of its recipients a page at a time, in user order.
CREATE INDEX "notices_announcement_idx" ON "notices" (("data"->>'announcementId'), "user_id") WHERE "kind" = 'announcement';
