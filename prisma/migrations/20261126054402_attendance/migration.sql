-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'LATE', 'EXCUSED', 'ABSENT');

-- CreateEnum
CREATE TYPE "AttendanceSource" AS ENUM ('MANUAL', 'SELF_CHECK_IN', 'ZOOM');

-- CreateTable
CREATE TABLE "attendance_settings" (
    "cohort_id" TEXT NOT NULL,
    "present_percent" INTEGER NOT NULL DEFAULT 75,
    "late_percent" INTEGER NOT NULL DEFAULT 40,
    "late_after_minutes" INTEGER NOT NULL DEFAULT 10,
    "excused_counts" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_settings_pkey" PRIMARY KEY ("cohort_id")
);

-- CreateTable
CREATE TABLE "attendance_records" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "source" "AttendanceSource" NOT NULL,
    "minutes" DECIMAL(6,1),
    "note" TEXT,
    "updated_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attendance_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "attendance_records_user_id_idx" ON "attendance_records"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_records_session_id_user_id_key" ON "attendance_records"("session_id", "user_id");

-- AddForeignKey
ALTER TABLE "attendance_settings" ADD CONSTRAINT "attendance_settings_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "live_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "attendance_settings" ADD CONSTRAINT "attendance_settings_values_check" CHECK (
  "present_percent" BETWEEN 1 AND 100 AND "late_percent" BETWEEN 0 AND 100 AND "late_percent" <= "present_percent"
  AND "late_after_minutes" BETWEEN 0 AND 240);
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_minutes_check" CHECK ("minutes" IS NULL OR "minutes" >= 0);
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_note_check" CHECK ("note" IS NULL OR length("note") <= 500);
