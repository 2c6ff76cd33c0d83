-- CreateTable
CREATE TABLE "sign_in_codes" (
    "email" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_codes_pkey" PRIMARY KEY ("email")
);

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "sign_in_codes" ADD CONSTRAINT "sign_in_codes_email_check" CHECK ("email" = lower("email"));
ALTER TABLE "sign_in_codes" ADD CONSTRAINT "sign_in_codes_attempts_check" CHECK ("attempts" >= 0);
