import { z } from 'zod';
import { db } from '../db';
import { requireParticipant } from './rules/access';
import type { Page, SearchHitDto } from './dto';
import { findHighlights, searchTerms } from './rules/highlights';
import { toMessageDto, type MessageRow } from './dto/mappers';
import { decodeCursor, encodeCursor, pageSize } from './rules/paging';
import { withReactions } from './store/reactions';
import { notHiddenFrom } from './store/hidden';
import { empty, escapeLike, join, sql, type Sql } from './store/sql';
import { COST, spend } from '../user-budget';
import { int4 } from '../validations/input';

export interface SearchMessagesOptions {
  userId: string;
  chatId: string;
  q: string;
  cursor?: string;
  limit?: number;
}

const searchCursor = z.object({ rank: z.number().min(0), seq: int4() });

/**
 * Searches one chat's live (not deleted) messages: their text, a media
 * message's caption and its uploads' file names. A message matches when it
 * contains the query's words as whole words (full-text, web-search syntax:
 * "quoted phrase", or, -exclude) or contains every word as a substring,
 * case-insensitively (partial words, scripts without spaces). Whole-word
 * matches rank first; ties go to the newest.
 */
export async function searchMessages({
  userId,
  chatId,
  q,
  cursor,
  limit,
}: SearchMessagesOptions): Promise<Page<SearchHitDto>> {
  await spend(userId, 'read', COST.search);
  const me = await requireParticipant(db(), chatId, userId);
  const size = pageSize(limit);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, searchCursor);
  const terms = searchTerms(q);
  const rows = await db().$queryRaw<Array<MessageRow & { rank: number }>>(
    searchSql({ chatId: me.chatId, q: q.trim(), terms, after, take: size + 1, viewerId: userId }),
  );
  const page = rows.slice(0, size);
  const last = page.at(-1);
  const messages = await withReactions(db(), userId, page.map(toMessageDto));
  return {
    items: page.map((row, i) => ({
      message: messages[i] ?? toMessageDto(row),
      highlights: findHighlights(row.content, terms),
      rank: row.rank,
    })),
    nextCursor: rows.length > size && last ? encodeCursor({ rank: last.rank, seq: last.seq }) : null,
  };
}

/**
 * The search query, in two arms. Indexed messages are found through
 * "ChatMessageSearch" and its GIN indexes on ("chatId", …):
 * ChatMessageSearch_fts_search_idx for the words, ChatMessageSearch_trgm_search_idx
 * for the substrings. Messages the indexer has not reached yet (listed in
 * "SearchIndexTodo": new, edited or deleted since) are matched directly from
 * "ChatMessage", and their index rows, possibly stale, are ignored. So
 * search sees every change from its commit on. The matches are ranked and
 * cut to the page from the index rows alone (they carry `seq`), and only the
 * page's messages are read from "ChatMessage": a common word in a chat of
 * 10,000 messages matches 1,000, and reading each match's message was most
 * of the statement's time (docs/database.md). An index row that is not listed
 * is a live message's current text, so the indexed arm needs no look at the
 * message itself. Exported for a plan test.
 */
export function searchSql({
  chatId,
  q,
  terms,
  after,
  take,
  viewerId,
}: {
  chatId: string;
  q: string;
  terms: string[];
  after?: { rank: number; seq: number };
  take: number;
  /** Leaves out what this person deleted for themselves. */
  viewerId?: string;
}): Sql {
  const query = sql`websearch_to_tsquery('simple', ${q})`;
  const matches = (searched: Sql) => {
    const words = sql`to_tsvector('simple', ${searched})`;
    const substrings =
      terms.length > 0
        ? join(
            terms.map((t) => sql`${searched} ILIKE ${`%${escapeLike(t)}%`}`),
            ' AND ',
          )
        : sql`false`;
    return {
      rank: sql`ts_rank(${words}, ${query})::float8`,
      where: sql`(${words} @@ ${query} OR (${substrings}))`,
    };
  };
  const indexed = matches(sql`s.text`);
  // What the indexer writes (prisma/migrations/20261204155900_search_attachment_names).
  const pending = matches(sql`chat_message_search_text(m.content, m.attachments)`);
  const todo = sql`SELECT t."messageId" FROM "SearchIndexTodo" t WHERE t."chatId" = ${chatId}::uuid`;
  const hidden = (id: Sql) => (viewerId === undefined ? empty : notHiddenFrom(viewerId, id));
  return sql`
    SELECT m.*, hit.rank FROM (
      SELECT * FROM (
        SELECT s."messageId" AS id, s.seq, ${indexed.rank} AS rank
        FROM "ChatMessageSearch" s
        WHERE s."chatId" = ${chatId}::uuid AND ${indexed.where} AND s."messageId" NOT IN (${todo})
          ${hidden(sql`s."messageId"`)}
        UNION ALL
        SELECT m.id, m.seq, ${pending.rank} AS rank
        FROM "ChatMessage" m
        WHERE m.id IN (${todo}) AND m."chatId" = ${chatId}::uuid AND m."deletedAt" IS NULL AND ${pending.where}
          ${hidden(sql`m.id`)}
      ) matched
      ${after ? sql`WHERE (matched.rank, matched.seq) < (${after.rank}::float8, ${after.seq})` : empty}
      ORDER BY matched.rank DESC, matched.seq DESC
      LIMIT ${take}
    ) hit JOIN "ChatMessage" m ON m.id = hit.id
    ORDER BY hit.rank DESC, hit.seq DESC`;
}
