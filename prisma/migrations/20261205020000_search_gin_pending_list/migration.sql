-- The search indexes collect new entries in a pending list (GIN's
-- fastupdate) and merge it into the index once it passes
-- gin_pending_list_limit, 4 MB by default. The merge runs inside whichever
-- search indexer batch crosses the limit: at 2,000 messages/s one batch of 18
-- rows took 399 ms, a burst of CPU and WAL that the sends' commits queued
-- behind (BENCHMARKS.md, 2026-12-05). With 256 kB the list merges about
-- sixteen times as often, each merge about a sixteenth as long.
ALTER INDEX "ChatMessageSearch_fts_search_idx" SET (gin_pending_list_limit = 256);
ALTER INDEX "ChatMessageSearch_trgm_search_idx" SET (gin_pending_list_limit = 256);
