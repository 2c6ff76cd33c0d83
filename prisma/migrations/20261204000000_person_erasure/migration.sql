-- When an admin erased the person at their request: their personal data is gone, the row
-- stays so that their attendance and quiz results still count, anonymously, in reports.
ALTER TABLE "users" ADD COLUMN "erased_at" TIMESTAMPTZ(3);
