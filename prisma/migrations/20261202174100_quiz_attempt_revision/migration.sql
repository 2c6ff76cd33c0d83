-- AlterTable
ALTER TABLE "quiz_attempts" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;
