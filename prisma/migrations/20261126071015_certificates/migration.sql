-- CreateTable
CREATE TABLE "certificate_rules" (
    "cohort_id" TEXT NOT NULL,
    "min_attendance_percent" INTEGER NOT NULL DEFAULT 80,
    "required_quizzes" TEXT[],
    "auto_issue" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "certificate_rules_pkey" PRIMARY KEY ("cohort_id")
);

-- CreateTable
CREATE TABLE "certificates" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "native_name" TEXT,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issued_by_id" TEXT,
    "status_index" INTEGER NOT NULL,
    "credential" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,
    "revoked_by_id" TEXT,
    "replaced_by_id" TEXT,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "issuer_keys" (
    "kid" TEXT NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "issuer_keys_pkey" PRIMARY KEY ("kid")
);

-- CreateIndex
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates"("code");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_status_index_key" ON "certificates"("status_index");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_replaced_by_id_key" ON "certificates"("replaced_by_id");

-- CreateIndex
CREATE INDEX "certificates_cohort_id_issued_at_idx" ON "certificates"("cohort_id", "issued_at");

-- CreateIndex
CREATE INDEX "certificates_user_id_idx" ON "certificates"("user_id");

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_status_index_range" CHECK ("status_index" BETWEEN 0 AND 131071);
ALTER TABLE "certificate_rules" ADD CONSTRAINT "certificate_rules_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "certificates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One valid certificate per participant and cohort: revoked and replaced ones stay as history.
CREATE UNIQUE INDEX "certificates_one_valid" ON "certificates"("user_id", "cohort_id") WHERE "revoked_at" IS NULL;

ALTER TABLE "certificates" ADD CONSTRAINT "certificates_code_format" CHECK ("code" ~ '^ECOSF-[0-9]{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$');
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revocation_reason" CHECK (("revoked_at" IS NULL) = ("revoked_reason" IS NULL));
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_replaced_is_revoked" CHECK ("replaced_by_id" IS NULL OR "revoked_at" IS NOT NULL);
ALTER TABLE "certificate_rules" ADD CONSTRAINT "certificate_rules_percent" CHECK ("min_attendance_percent" BETWEEN 0 AND 100);
