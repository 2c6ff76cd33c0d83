-- CreateTable
CREATE TABLE "quiz_overrides" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "extra_attempts" INTEGER,
    "extra_minutes" INTEGER,
    "closes_at" TIMESTAMPTZ(3),
    "set_by_id" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quiz_overrides_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quiz_overrides_user_id_idx" ON "quiz_overrides"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "quiz_overrides_cohort_id_lecture_slug_user_id_key" ON "quiz_overrides"("cohort_id", "lecture_slug", "user_id");

-- AddForeignKey
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_set_by_id_fkey" FOREIGN KEY ("set_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An override extends at least one rule, each by a sensible amount.
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_extends_check"
  CHECK ("extra_attempts" IS NOT NULL OR "extra_minutes" IS NOT NULL OR "closes_at" IS NOT NULL);
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_extra_attempts_check"
  CHECK ("extra_attempts" IS NULL OR "extra_attempts" BETWEEN 1 AND 100);
ALTER TABLE "quiz_overrides" ADD CONSTRAINT "quiz_overrides_extra_minutes_check"
  CHECK ("extra_minutes" IS NULL OR "extra_minutes" BETWEEN 1 AND 1440);
