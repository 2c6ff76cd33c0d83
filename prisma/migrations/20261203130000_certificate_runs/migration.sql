-- CreateTable
CREATE TABLE "certificate_runs" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "certificate_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificate_runs_cohort_id_created_at_idx" ON "certificate_runs"("cohort_id", "created_at");

-- AddForeignKey
ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only the states the code knows, and a finished run has its result.
ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_status_known"
  CHECK ("status" IN ('queued', 'running', 'done'));
ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_done_has_result"
  CHECK (("status" = 'done') = ("result" IS NOT NULL AND "finished_at" IS NOT NULL));

-- One run under way per cohort: a second request joins it.
CREATE UNIQUE INDEX "certificate_runs_one_open_per_cohort" ON "certificate_runs" ("cohort_id") WHERE "status" <> 'done';
