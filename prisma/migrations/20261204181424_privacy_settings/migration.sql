-- CreateEnum
CREATE TYPE "Audience" AS ENUM ('EVERYONE', 'CHATS', 'NOBODY');

-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "linkPreview" JSONB;

-- CreateTable
CREATE TABLE "UserSettings" (
    "userId" UUID NOT NULL,
    "readReceipts" BOOLEAN NOT NULL DEFAULT true,
    "lastSeen" "Audience" NOT NULL DEFAULT 'EVERYONE',
    "typingIndicator" BOOLEAN NOT NULL DEFAULT true,
    "groupInvites" "Audience" NOT NULL DEFAULT 'EVERYONE',
    "linkPreviews" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "GroupInvitation" (
    "id" UUID NOT NULL,
    "chatId" UUID NOT NULL,
    "inviteeId" UUID NOT NULL,
    "inviterId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GroupInvitation_inviteeId_createdAt_idx" ON "GroupInvitation"("inviteeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GroupInvitation_chatId_inviteeId_key" ON "GroupInvitation"("chatId", "inviteeId");

-- AddForeignKey
ALTER TABLE "UserSettings" ADD CONSTRAINT "UserSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "ChatSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_inviteeId_fkey" FOREIGN KEY ("inviteeId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupInvitation" ADD CONSTRAINT "GroupInvitation_inviterId_fkey" FOREIGN KEY ("inviterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
