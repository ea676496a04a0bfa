-- Search finds media messages by caption and by file name, written by hand
-- like the indexes it replaces (see 20261124000000_init and docs/database.md).

-- What search reads of a message: its text (a media message's caption)
-- and, for a media message, its uploads' names. A single CASE with no
-- subquery, so PostgreSQL inlines it into the index expressions and the
-- queries alike: a text message costs what it did, and the planner matches
-- the query's expression to the index's. Search queries must call it with
-- exactly these arguments (lib/chat/search-messages.ts).
CREATE FUNCTION "chat_message_search_text"("content" text, "attachments" jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN "attachments" IS NULL THEN "content"
       ELSE "content" || ' ' || jsonb_path_query_array("attachments", '$[*].name')::text END $$;

DROP INDEX "ChatMessage_fts_search_idx";
DROP INDEX "ChatMessage_trgm_search_idx";

-- Whole-word search within one chat (GIN over chat id and the word vector).
CREATE INDEX "ChatMessage_fts_search_idx" ON "ChatMessage"
    USING GIN ("chatId", to_tsvector('simple', "chat_message_search_text"("content", "attachments")));

-- Partial words and scripts without word breaks, within one chat.
CREATE INDEX "ChatMessage_trgm_search_idx" ON "ChatMessage"
    USING GIN ("chatId", "chat_message_search_text"("content", "attachments") gin_trgm_ops);
