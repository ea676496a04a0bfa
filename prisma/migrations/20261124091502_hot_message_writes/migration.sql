-- Every message updates its chat's row (lastSeq, lastMessageAt). With an
-- index on lastMessageAt, which no query uses (the chat list is read through
-- ChatParticipant), each of those updates wrote a new entry into every index
-- of ChatSession, and a busy chat's index filled with dead entries that every
-- send had to step over. Without it the update is HOT: the new row version
-- goes on the same page, no index is touched. Free space on each page keeps
-- room for those versions.
DROP INDEX "ChatSession_lastMessageAt_idx";
ALTER TABLE "ChatSession" SET (fillfactor = 70);

