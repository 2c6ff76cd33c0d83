-- AlterTable
ALTER TABLE "live_sessions" ADD COLUMN     "check_in_closes_at" TIMESTAMPTZ(3),
ADD COLUMN     "check_in_secret" TEXT;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "live_sessions" ADD CONSTRAINT "live_sessions_check_in_check" CHECK (("check_in_secret" IS NULL) = ("check_in_closes_at" IS NULL));
