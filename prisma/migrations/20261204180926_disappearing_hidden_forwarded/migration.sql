-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "forwarded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ChatSession" ADD COLUMN     "disappearAfterSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "copyOfId" UUID;

-- CreateTable
CREATE TABLE "HiddenMessage" (
    "userId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "chatId" UUID NOT NULL,
    "hiddenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HiddenMessage_pkey" PRIMARY KEY ("userId","messageId")
);

-- CreateIndex
CREATE INDEX "HiddenMessage_userId_hiddenAt_idx" ON "HiddenMessage"("userId", "hiddenAt");

-- CreateIndex
CREATE INDEX "Upload_storageKey_idx" ON "Upload"("storageKey");

-- AddForeignKey
ALTER TABLE "HiddenMessage" ADD CONSTRAINT "HiddenMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HiddenMessage" ADD CONSTRAINT "HiddenMessage_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (the schema language has no partial index; db-migration
-- keeps "*_partial_idx"): the disappearing-messages sweep reads only messages
-- still to expire, however many have already gone.
CREATE INDEX "ChatMessage_expiry_partial_idx" ON "ChatMessage"("expiresAt")
    WHERE "expiresAt" IS NOT NULL AND "deletedAt" IS NULL;
