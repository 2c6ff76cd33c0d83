-- CreateTable
CREATE TABLE "zoom_imports" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "committed_at" TIMESTAMPTZ(3),
    "result" JSONB,

    CONSTRAINT "zoom_imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "zoom_imports_session_id_created_at_idx" ON "zoom_imports"("session_id", "created_at");

-- AddForeignKey
ALTER TABLE "zoom_imports" ADD CONSTRAINT "zoom_imports_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "live_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "zoom_imports" ADD CONSTRAINT "zoom_imports_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express.
ALTER TABLE "zoom_imports" ADD CONSTRAINT "zoom_imports_content_check" CHECK (octet_length("content") <= 5242880);
