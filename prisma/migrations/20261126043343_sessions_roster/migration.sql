-- CreateEnum
CREATE TYPE "EnrolmentSource" AS ENUM ('INVITE_LINK', 'ROSTER');

-- AlterTable
ALTER TABLE "enrolments" ADD COLUMN     "source" "EnrolmentSource" NOT NULL DEFAULT 'INVITE_LINK';

-- CreateTable
CREATE TABLE "live_sessions" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "join_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "live_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_imports" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "send_invitations" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committed_at" TIMESTAMPTZ(3),
    "result" JSONB,

    CONSTRAINT "roster_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "live_sessions_cohort_id_starts_at_idx" ON "live_sessions"("cohort_id", "starts_at");

-- CreateIndex
CREATE INDEX "roster_imports_cohort_id_created_at_idx" ON "roster_imports"("cohort_id", "created_at");

-- AddForeignKey
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_times_check" CHECK ("ends_at" > "starts_at" AND "ends_at" - "starts_at" <= interval '24 hours');
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_lecture_slug_check" CHECK ("lecture_slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_join_url_check" CHECK ("join_url" IS NULL OR "join_url" ~ '^https://');
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_content_check" CHECK (octet_length("content") <= 2097152);
