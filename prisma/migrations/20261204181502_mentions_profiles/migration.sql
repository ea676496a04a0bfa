-- AlterTable
ALTER TABLE "ChatMessage" ADD COLUMN     "mentions" JSONB;

-- AlterTable
ALTER TABLE "ChatParticipant" ADD COLUMN     "muteMentions" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "bio" TEXT,
ADD COLUMN     "pronouns" TEXT;

-- Unread mentions (the chat list's "mentioned" badge) scan only the messages
-- that mention someone, from the reader's watermark on; the few found are
-- then checked for the reader with jsonb containment.
CREATE INDEX "ChatMessage_mentions_partial_idx" ON "ChatMessage" ("chatId", seq) WHERE mentions IS NOT NULL;
