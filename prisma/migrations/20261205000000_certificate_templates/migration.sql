-- Images uploaded for certificate templates (organisers' logos, signatures), kept as the
-- PNG they are printed as: an SVG is drawn to PNG once, on upload, and never served back.
-- The same file uploaded twice is one row.
CREATE TABLE "certificate_images" (
    "id" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "png" BYTEA NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "uploaded_type" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "certificate_images_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "certificate_images_size" CHECK ("width" > 0 AND "height" > 0 AND octet_length("png") <= 4194304)
);
CREATE UNIQUE INDEX "certificate_images_sha256_key" ON "certificate_images"("sha256");

-- The look of a cohort's certificates. Saving makes a new version and never changes an
-- old one: the newest is what the next certificate is issued with, and each certificate
-- keeps the version it was issued with.
CREATE TABLE "certificate_templates" (
    "id" TEXT NOT NULL,
    "cohort_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "accent" TEXT NOT NULL,
    "organisers" TEXT[] NOT NULL,
    "logo_ids" TEXT[] NOT NULL,
    "signatories" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" TEXT,
    CONSTRAINT "certificate_templates_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "certificate_templates_version" CHECK ("version" > 0)
);
CREATE UNIQUE INDEX "certificate_templates_cohort_id_version_key" ON "certificate_templates"("cohort_id", "version");
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_cohort_id_fkey" FOREIGN KEY ("cohort_id") REFERENCES "cohorts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Null: issued with the default template (the programme's organisations, no images).
ALTER TABLE "certificates" ADD COLUMN "template_id" TEXT;
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "certificate_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "certificates_template_id_idx" ON "certificates"("template_id");
