-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('PENDING', 'ACTIVE', 'WITHDRAWN', 'REJECTED');

-- AlterTable
ALTER TABLE "cohorts" ADD COLUMN     "invite_code" TEXT NOT NULL DEFAULT replace((gen_random_uuid())::text, '-'::text, ''::text);

-- CreateTable
CREATE TABLE "enrolments" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "status" "EnrolmentStatus" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enrolments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "enrolments_cohort_id_status_idx" ON "enrolments"("cohort_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "enrolments_user_id_cohort_id_key" ON "enrolments"("user_id", "cohort_id");

-- CreateIndex
CREATE UNIQUE INDEX "cohorts_invite_code_key" ON "cohorts"("invite_code");

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_invite_code_check" CHECK (length("invite_code") >= 32);
