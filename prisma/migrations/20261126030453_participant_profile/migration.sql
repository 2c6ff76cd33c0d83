-- AlterTable
ALTER TABLE "users" ADD COLUMN     "certificate_name" TEXT,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "native_name" TEXT,
ADD COLUMN     "organisation" TEXT,
ADD COLUMN     "position" TEXT,
ADD COLUMN     "profile_completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "time_zone" TEXT;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "users" ADD CONSTRAINT "users_country_check" CHECK ("country" IS NULL OR "country" ~ '^[A-Z]{2}$');
