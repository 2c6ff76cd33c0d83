-- Organisers: a role between participant and admin that manages only the cohorts an admin
-- assigned it to.
ALTER TYPE "Role" ADD VALUE 'ORGANISER' BEFORE 'ADMIN';

CREATE TABLE "cohort_organisers" (
    "cohort_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_by_id" TEXT,
    CONSTRAINT "cohort_organisers_pkey" PRIMARY KEY ("cohort_id", "user_id")
);
CREATE INDEX "cohort_organisers_user_id_idx" ON "cohort_organisers"("user_id");
ALTER TABLE "cohort_organisers" ADD CONSTRAINT "cohort_organisers_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cohort_organisers" ADD CONSTRAINT "cohort_organisers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cohort_organisers" ADD CONSTRAINT "cohort_organisers_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
