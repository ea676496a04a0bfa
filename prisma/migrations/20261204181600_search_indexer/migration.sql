-- Search indexing leaves the send's transaction (issue 18). The search
-- indexes move from "ChatMessage" to "ChatMessageSearch", which the search
-- indexer (lib/chat/search-index.ts) fills shortly after each commit from the
-- durable to-do list "SearchIndexTodo"; a send now only adds a to-do row.
-- The tables are the engine's; the indexes, the trigger and the backfill
-- below are written by hand (docs/database.md).

-- CreateTable
CREATE TABLE "ChatMessageSearch" (
    "messageId" UUID NOT NULL,
    "chatId" UUID NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ChatMessageSearch_pkey" PRIMARY KEY ("messageId")
);

-- CreateTable
CREATE TABLE "SearchIndexTodo" (
    "id" BIGSERIAL NOT NULL,
    "messageId" UUID NOT NULL,
    "chatId" UUID NOT NULL,

    CONSTRAINT "SearchIndexTodo_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "ChatMessageSearch" ADD CONSTRAINT "ChatMessageSearch_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whole-word search within one chat (GIN over chat id and the word vector).
CREATE INDEX "ChatMessageSearch_fts_search_idx" ON "ChatMessageSearch"
    USING GIN ("chatId", to_tsvector('simple', "text"));

-- Partial words and scripts without word breaks, within one chat.
CREATE INDEX "ChatMessageSearch_trgm_search_idx" ON "ChatMessageSearch"
    USING GIN ("chatId", "text" gin_trgm_ops);

-- Every message that exists now is indexed here, once.
INSERT INTO "ChatMessageSearch" ("messageId", "chatId", "text")
SELECT id, "chatId", "chat_message_search_text"("content", "attachments")
FROM "ChatMessage" WHERE "deletedAt" IS NULL;

DROP INDEX "ChatMessage_fts_search_idx";
DROP INDEX "ChatMessage_trgm_search_idx";

-- The to-do rows, written in the same transaction as the change, so a
-- committed message is always either indexed or listed. One INSERT per
-- statement for new messages (a batch of sends is one statement); one row
-- per message whose searchable text changed or that was deleted.
CREATE FUNCTION "chat_message_search_todo_new"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "SearchIndexTodo" ("messageId", "chatId") SELECT id, "chatId" FROM new_messages;
    RETURN NULL;
END $$;

CREATE FUNCTION "chat_message_search_todo_changed"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "SearchIndexTodo" ("messageId", "chatId") VALUES (NEW.id, NEW."chatId");
    RETURN NULL;
END $$;

CREATE TRIGGER "ChatMessage_search_todo_insert" AFTER INSERT ON "ChatMessage"
    REFERENCING NEW TABLE AS new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION "chat_message_search_todo_new"();

CREATE TRIGGER "ChatMessage_search_todo_update" AFTER UPDATE ON "ChatMessage"
    FOR EACH ROW
    WHEN (OLD."content" IS DISTINCT FROM NEW."content"
       OR OLD."attachments" IS DISTINCT FROM NEW."attachments"
       OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt")
    EXECUTE FUNCTION "chat_message_search_todo_changed"();
