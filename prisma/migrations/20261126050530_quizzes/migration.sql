-- CreateEnum
CREATE TYPE "ScorePolicy" AS ENUM ('BEST', 'LATEST', 'FIRST');

-- CreateEnum
CREATE TYPE "FeedbackPolicy" AS ENUM ('SCORE_ONLY', 'AFTER_EACH_ATTEMPT', 'ONCE_PASSED', 'AFTER_CLOSE');

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED');

-- CreateTable
CREATE TABLE "quiz_rules" (
    "cohort_id" TEXT NOT NULL,
    "pass_percent" INTEGER NOT NULL DEFAULT 70,
    "max_attempts" INTEGER DEFAULT 3,
    "time_limit_minutes" INTEGER,
    "opens_at" TIMESTAMPTZ(3),
    "closes_at" TIMESTAMPTZ(3),
    "shuffle_questions" BOOLEAN NOT NULL DEFAULT true,
    "shuffle_options" BOOLEAN NOT NULL DEFAULT true,
    "score_policy" "ScorePolicy" NOT NULL DEFAULT 'BEST',
    "feedback" "FeedbackPolicy" NOT NULL DEFAULT 'AFTER_EACH_ATTEMPT',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "quiz_rules_pkey" PRIMARY KEY ("cohort_id")
);

-- CreateTable
CREATE TABLE "quiz_versions" (
    "id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "questions" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quiz_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quiz_attempts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "layout" JSONB NOT NULL,
    "responses" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline_at" TIMESTAMPTZ(3),
    "submitted_at" TIMESTAMPTZ(3),
    "grade" JSONB,
    "percent" DECIMAL(5,1),
    "passed" BOOLEAN,
    "submitted_by" TEXT,

    CONSTRAINT "quiz_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "quiz_versions_content_hash_key" ON "quiz_versions"("content_hash");

-- CreateIndex
CREATE INDEX "quiz_versions_lecture_slug_created_at_idx" ON "quiz_versions"("lecture_slug", "created_at");

-- CreateIndex
CREATE INDEX "quiz_attempts_cohort_id_lecture_slug_status_idx" ON "quiz_attempts"("cohort_id", "lecture_slug", "status");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_attempts_user_id_cohort_id_lecture_slug_number_key" ON "quiz_attempts"("user_id", "cohort_id", "lecture_slug", "number");

-- AddForeignKey
ALTER TABLE "quiz_rules" ADD CONSTRAINT "quiz_rules_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "quiz_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "quiz_rules" ADD CONSTRAINT "quiz_rules_values_check" CHECK (
  "pass_percent" BETWEEN 0 AND 100
  AND ("max_attempts" IS NULL OR "max_attempts" BETWEEN 1 AND 100)
  AND ("time_limit_minutes" IS NULL OR "time_limit_minutes" BETWEEN 1 AND 600)
  AND ("opens_at" IS NULL OR "closes_at" IS NULL OR "closes_at" > "opens_at"));
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_number_check" CHECK ("number" >= 1);
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_submitted_check" CHECK (
  ("status" = 'SUBMITTED') = ("submitted_at" IS NOT NULL AND "grade" IS NOT NULL AND "percent" IS NOT NULL AND "passed" IS NOT NULL));
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_percent_check" CHECK ("percent" IS NULL OR "percent" BETWEEN 0 AND 100);
-- At most one attempt in progress per participant, cohort and quiz: two tabs starting at once get the same attempt.
CREATE UNIQUE INDEX "quiz_attempts_one_in_progress" ON "quiz_attempts" ("user_id", "cohort_id", "lecture_slug") WHERE "status" = 'IN_PROGRESS';
