-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PARTICIPANT', 'ADMIN');

-- CreateEnum
CREATE TYPE "EnrolmentMode" AS ENUM ('OPEN', 'APPROVAL', 'INVITE_ONLY');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'PARTICIPANT',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cohorts" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "time_zone" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "enrolment_opens_at" TIMESTAMPTZ(3),
    "enrolment_closes_at" TIMESTAMPTZ(3),
    "capacity" INTEGER,
    "enrolment_mode" "EnrolmentMode" NOT NULL DEFAULT 'OPEN',
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cohorts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "cohorts_slug_key" ON "cohorts"("slug");

-- CreateIndex
CREATE INDEX "cohorts_archived_at_idx" ON "cohorts"("archived_at");


-- Invariants Prisma's schema language cannot express.
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_check" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%');
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_dates_check" CHECK ("ends_on" >= "starts_on");
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_enrolment_window_check" CHECK ("enrolment_closes_at" IS NULL OR "enrolment_opens_at" IS NULL OR "enrolment_closes_at" > "enrolment_opens_at");
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_capacity_check" CHECK ("capacity" IS NULL OR "capacity" > 0);
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_slug_check" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
