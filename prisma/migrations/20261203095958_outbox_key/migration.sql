-- AlterTable
ALTER TABLE "outbound_emails" ADD COLUMN     "key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "outbound_emails_key_key" ON "outbound_emails"("key");
