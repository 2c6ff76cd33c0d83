-- A quiz question as an admin corrected it (prompt, options, key, explanation, tolerance):
-- the content files stay the starting point, and the newest correction of a question is
-- what new attempts are given and what a regrade marks against. Never changed once saved.
CREATE TABLE "question_corrections" (
    "id" TEXT NOT NULL,
    "lecture_slug" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "question" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" TEXT,
    CONSTRAINT "question_corrections_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "question_corrections_version" CHECK ("version" > 0)
);
CREATE UNIQUE INDEX "question_corrections_lecture_slug_question_id_version_key" ON "question_corrections"("lecture_slug", "question_id", "version");
ALTER TABLE "question_corrections" ADD CONSTRAINT "question_corrections_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
