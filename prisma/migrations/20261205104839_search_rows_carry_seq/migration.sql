-- Search ranks and pages on "ChatMessageSearch" alone and reads only the
-- page's messages from "ChatMessage" (lib/chat/search-messages.ts): a common
-- word in a chat of 10,000 messages matches 1,000, and reading the message
-- of each match was most of the statement's time (docs/database.md). The
-- index rows carry the message's seq for the order and the cursor; a seq
-- never changes. Added empty, filled from the messages, then required.
--
-- Filling it rewrites every row. With the two GIN indexes in place each new
-- row version is also inserted into both, which on 1M messages had not
-- finished after 90 s; they are dropped first and built again after, in one
-- pass each (written by hand, as in 20261204181600_search_indexer).

DROP INDEX "ChatMessageSearch_fts_search_idx";
DROP INDEX "ChatMessageSearch_trgm_search_idx";

-- AlterTable
ALTER TABLE "ChatMessageSearch" ADD COLUMN "seq" INTEGER;

UPDATE "ChatMessageSearch" s SET "seq" = m."seq" FROM "ChatMessage" m WHERE m."id" = s."messageId";

ALTER TABLE "ChatMessageSearch" ALTER COLUMN "seq" SET NOT NULL;

-- Whole-word search within one chat (GIN over chat id and the word vector).
CREATE INDEX "ChatMessageSearch_fts_search_idx" ON "ChatMessageSearch"
    USING GIN ("chatId", to_tsvector('simple', "text"));

-- Partial words and scripts without word breaks, within one chat.
CREATE INDEX "ChatMessageSearch_trgm_search_idx" ON "ChatMessageSearch"
    USING GIN ("chatId", "text" gin_trgm_ops);

-- As 20261205020000_search_gin_pending_list set them.
ALTER INDEX "ChatMessageSearch_fts_search_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "ChatMessageSearch_trgm_search_idx" SET (gin_pending_list_limit = 256);
