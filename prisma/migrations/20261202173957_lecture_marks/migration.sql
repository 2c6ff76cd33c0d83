-- CreateTable
CREATE TABLE "lecture_marks" (
    "user_id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lecture_marks_pkey" PRIMARY KEY ("user_id","cohort_id","lecture_slug")
);

-- AddForeignKey
ALTER TABLE "lecture_marks" ADD CONSTRAINT "lecture_marks_user_id_cohort_id_fkey" FOREIGN KEY ("user_id", "cohort_id") REFERENCES "enrolments"("user_id", "cohort_id") ON DELETE CASCADE ON UPDATE CASCADE;
