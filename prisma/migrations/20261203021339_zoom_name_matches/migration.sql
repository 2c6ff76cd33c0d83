-- CreateTable
CREATE TABLE "zoom_name_matches" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "zoom_key" TEXT NOT NULL,
    "zoom_name" TEXT NOT NULL,
    "zoom_email" TEXT,
    "user_id" TEXT NOT NULL,
    "confirmed_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "zoom_name_matches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "zoom_name_matches_user_id_idx" ON "zoom_name_matches"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "zoom_name_matches_cohort_id_zoom_key_key" ON "zoom_name_matches"("cohort_id", "zoom_key");

-- AddForeignKey
ALTER TABLE "zoom_name_matches" ADD CONSTRAINT "zoom_name_matches_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zoom_name_matches" ADD CONSTRAINT "zoom_name_matches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zoom_name_matches" ADD CONSTRAINT "zoom_name_matches_confirmed_by_id_fkey" FOREIGN KEY ("confirmed_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
