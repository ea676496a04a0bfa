-- Search ranks and pages on "ChatMessageSearch" alone and reads only the
-- page's messages from "ChatMessage" (lib/chat/search-messages.ts): a common
-- word in a chat of 10,000 messages matches 1,000, and reading the message
-- of each match was most of the statement's time (docs/database.md). The
-- index rows carry the message's seq for the order and the cursor; a seq
-- never changes. Added empty, filled from the messages, then required.

-- AlterTable
ALTER TABLE "ChatMessageSearch" ADD COLUMN "seq" INTEGER;

UPDATE "ChatMessageSearch" s SET "seq" = m."seq" FROM "ChatMessage" m WHERE m."id" = s."messageId";

ALTER TABLE "ChatMessageSearch" ALTER COLUMN "seq" SET NOT NULL;
