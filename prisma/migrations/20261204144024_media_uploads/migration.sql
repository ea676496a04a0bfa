-- CreateEnum
CREATE TYPE "UploadPurpose" AS ENUM ('MESSAGE', 'AVATAR');

-- CreateEnum
CREATE TYPE "UploadKind" AS ENUM ('IMAGE', 'FILE', 'VOICE');

-- DropIndex

-- DropIndex

-- CreateTable
CREATE TABLE "Upload" (
    "id" UUID NOT NULL,
    "uploaderId" UUID,
    "chatId" UUID,
    "purpose" "UploadPurpose" NOT NULL DEFAULT 'MESSAGE',
    "messageId" UUID,
    "kind" "UploadKind" NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "durationMs" INTEGER,
    "thumbhash" TEXT,
    "waveform" JSONB,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT,
    "locationRemoved" BOOLEAN NOT NULL DEFAULT false,
    "playedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "purgedAt" TIMESTAMP(3),

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Upload_messageId_idx" ON "Upload"("messageId");

-- CreateIndex
CREATE INDEX "Upload_uploaderId_createdAt_idx" ON "Upload"("uploaderId", "createdAt");

-- CreateIndex
CREATE INDEX "Upload_chatId_idx" ON "Upload"("chatId");

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "ChatSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;
