// Search: messages within a chat, people, public profiles; and, on
// PostgreSQL, that history, unread counts and search stay on their indexes.
import { historyPageSql } from '@/lib/chat/list-messages';
import { indexSearchBatch } from '@/lib/chat/search-index';
import { searchSql } from '@/lib/chat/search-messages';
import { sql, type Sql } from '@/lib/chat/store/sql';
import { unreadCountSql } from '@/lib/chat/unread-count';
import { type Api, registerAll, type TestUser } from './support/api';
import { createGroup } from './support/chat';
import { TEST_DB } from './support/server';
import { beforeAll, describe, expect, it } from './support/fixtures';

const SESSIONS = '/api/v1/chat/sessions';

interface Hit {
  message: { id: string; seq: number; content: string };
  highlights: Array<[number, number]>;
  rank: number;
}

describe(`message search on ${TEST_DB}`, () => {
  let ann: TestUser;
  let bob: TestUser;
  let chatId: string;
  const ids = new Map<string, string>();

  async function search(api: Api, query: string, user = ann): Promise<Hit[]> {
    const res = await api.get(`${SESSIONS}/${chatId}/search?q=${encodeURIComponent(query)}`, user.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items;
  }
  const contents = (hits: Hit[]) => hits.map((h) => h.message.content);

  beforeAll(async ({ api }) => {
    [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    chatId = await createGroup(api, ann, [bob]);
    for (const content of [
      'Hello world',
      'say hello to the worldwide team',
      'Привет мир',
      'こんにちは世界',
      '100% sure_thing',
      'a hello to be deleted',
      'Othello is a play',
    ]) {
      const res = await api.post(`${SESSIONS}/${chatId}/messages`, { content }, ann.token);
      ids.set(content, res.body.message.id);
    }
    await api.delete(`/api/v1/chat/messages/${ids.get('a hello to be deleted')}`, ann.token);
  });

  it('ranks whole-word matches above partial ones, newest first among equals, with highlights', async ({
    api,
  }) => {
    const hits = await search(api, 'hello');
    expect(contents(hits)).toEqual(['say hello to the worldwide team', 'Hello world', 'Othello is a play']);
    expect(hits[0]?.rank).toBeGreaterThan(0);
    expect(hits[2]?.rank).toBeLessThan(hits[1]?.rank ?? 0);
    expect(hits.map((h) => h.highlights)).toEqual([[[4, 9]], [[0, 5]], [[2, 7]]]);
  });

  it('finds partial words, every word of a query, and whole phrases', async ({ api }) => {
    expect(contents(await search(api, 'wor'))).toEqual(['say hello to the worldwide team', 'Hello world']);
    expect(contents(await search(api, 'hel wide'))).toEqual(['say hello to the worldwide team']);
    expect(contents(await search(api, '"hello world"'))).toEqual(['Hello world']);
  });

  it('finds text in other scripts, whatever the case', async ({ api }) => {
    const russian = await search(api, 'ПРИВЕТ');
    expect(contents(russian)).toEqual(['Привет мир']);
    expect(russian[0]?.highlights).toEqual([[0, 6]]);
    expect(contents(await search(api, 'мир'))).toEqual(['Привет мир']);
    const japanese = await search(api, 'にちは');
    expect(contents(japanese)).toEqual(['こんにちは世界']);
    expect(japanese[0]?.highlights).toEqual([[2, 5]]);
  });

  it('treats % and _ as plain characters and never finds deleted messages', async ({ api }) => {
    expect(contents(await search(api, '%'))).toEqual(['100% sure_thing']);
    expect(contents(await search(api, 'e_t'))).toEqual(['100% sure_thing']);
    expect(contents(await search(api, 'deleted'))).toEqual([]);
  });

  it('pages with a cursor through the same hits a single page holds', async ({ api }) => {
    const all = await search(api, 'o');
    expect(all.length).toBeGreaterThan(3);
    const paged: Hit[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `q=o&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await api.get(`${SESSIONS}/${chatId}/search?${query}`, bob.token);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged.map((h) => h.message.id)).toEqual(all.map((h) => h.message.id));
  });

  it('refuses empty or long queries and bad cursors with 400, and outsiders with 404', async ({ api }) => {
    for (const query of ['q=', 'q=%20%20', `q=${'x'.repeat(201)}`, 'q=a&cursor=zzz', 'q=a&limit=0', '']) {
      const res = await api.get(`${SESSIONS}/${chatId}/search?${query}`, ann.token);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const [eve] = await registerAll(api, 'Eve');
    const res = await api.get(`${SESSIONS}/${chatId}/search?q=hello`, eve.token);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('Hello');
  });
});

describe(`people on ${TEST_DB}`, () => {
  it('finds people by a fragment of their name, never by their email, never returning emails', async ({
    api,
  }) => {
    const tag = crypto.randomUUID().slice(0, 6);
    const [me, zoe, zed] = await registerAll(api, `Me ${tag}`, `Zoë Quinn ${tag}`, `Zed ${tag}`);
    const find = async (q: string) => {
      const res = await api.get(`/api/v1/users/search?q=${encodeURIComponent(q)}`, me.token);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('@');
      return res.body.users as Array<{ id: string; name: string; avatarUrl: string | null }>;
    };
    const byName = await find(`zoë QUINN ${tag}`);
    expect(byName).toEqual([{ id: zoe.id, name: zoe.name, avatarUrl: null }]);
    expect((await find(tag)).map((u) => u.id).sort()).toEqual([zoe.id, zed.id].sort());
    // An email, whole or in part, finds nobody: search must not confirm that an address has an account.
    const local = zed.email.split('@')[0] ?? '';
    for (const q of [
      zed.email,
      zed.email.toUpperCase(),
      local,
      local.slice(-8),
      `${local}@`,
      'example.com',
    ]) {
      expect(await find(q), q).toEqual([]);
    }
    expect(await find('%')).toEqual([]);
    expect((await find(tag)).map((u) => u.id)).not.toContain(me.id);
    const one = await api.get(`/api/v1/users/search?q=${tag}&limit=1`, me.token);
    expect(one.body.users).toHaveLength(1);
    for (const bad of ['q=', 'q=%20', `q=${'x'.repeat(101)}`, 'q=a&limit=-5']) {
      expect((await api.get(`/api/v1/users/search?${bad}`, me.token)).status, bad).toBe(400);
    }
  });

  it('shows a public profile by id, and 404 for unknown or malformed ids', async ({ api }) => {
    const [me, other] = await registerAll(api, 'Me', 'Other');
    const res = await api.get(`/api/v1/users/${other.id}`, me.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: other.id, name: 'Other', avatarUrl: null, bio: null, pronouns: null },
    });
    for (const id of [crypto.randomUUID(), 'nobody']) {
      const missing = await api.get(`/api/v1/users/${id}`, me.token);
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('query plans', () => {
  it.runIf(TEST_DB === 'postgres')(
    'keeps history, unread counts and search on indexes with 100k messages in a chat (PostgreSQL only)',
    async ({ api, server }) => {
      const prisma = server.database.prisma;
      const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
      const chatId = await createGroup(api, ann, [bob]);
      const total = 100_000;
      // One statement: seqs after the creation notice, a rare word in every 10,000th.
      await prisma.$executeRaw`
        INSERT INTO "ChatMessage" (id, "chatId", seq, "senderId", content, "createdAt", "updatedAt")
        SELECT gen_random_uuid(), ${chatId}::uuid, i + 1, ${ann.id}::uuid,
               'message number ' || i || CASE WHEN i % 10000 = 0 THEN ' needle' ELSE '' END, now(), now()
        FROM generate_series(1, ${total}) AS i`;
      await prisma.$executeRaw`UPDATE "ChatSession" SET "lastSeq" = ${total + 1}, "lastMessageAt" = now() WHERE id = ${chatId}::uuid`;
      await prisma.$executeRaw`UPDATE "ChatParticipant" SET "lastReadSeq" = ${total - 99} WHERE "chatId" = ${chatId}::uuid AND "userId" = ${bob.id}::uuid`;
      // What the search indexer does after such a burst, in one go.
      await indexSearchBatch(prisma, total + 10);
      await prisma.$executeRaw`ANALYZE "ChatMessage"`;
      await prisma.$executeRaw`ANALYZE "ChatMessageSearch"`;
      await prisma.$executeRaw`ANALYZE "SearchIndexTodo"`;
      await prisma.$executeRaw`ANALYZE "ChatParticipant"`;

      const plan = async (query: Sql) =>
        (await prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>(sql`EXPLAIN ${query}`))
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      for (const query of [
        historyPageSql({ chatId, take: 51 }),
        historyPageSql({ chatId, before: 50_000, take: 51 }),
        historyPageSql({ chatId, after: 90_000, take: 51 }),
        unreadCountSql({ chatId, userId: bob.id }),
      ]) {
        const text = await plan(query);
        expect(text).toContain('Index');
        expect(text).not.toContain('Seq Scan on "ChatMessage"');
      }
      const searchPlan = await plan(searchSql({ chatId, q: 'needle', terms: ['needle'], take: 51 }));
      expect(searchPlan).toMatch(/Bitmap Index Scan on "?ChatMessageSearch_(fts|trgm)_search_idx/);
      expect(searchPlan).not.toContain('Seq Scan on "ChatMessage"');
      expect(searchPlan).not.toContain('Seq Scan on "ChatMessageSearch"');
      // A word in every message ranks 100k rows: still one process, since
      // parallel workers cost more to start than they save (lib/db/open.ts).
      const commonPlan = await plan(searchSql({ chatId, q: 'message', terms: ['message'], take: 51 }));
      expect(commonPlan).not.toContain('Gather');
      // And it reads the messages of the page only, not of all 100k matches:
      // the ranking and the cut happen on the index rows.
      const [analyzed] = await prisma.$queryRaw<Array<{ 'QUERY PLAN': unknown }>>(
        sql`EXPLAIN (ANALYZE, FORMAT JSON) ${searchSql({ chatId, q: 'message', terms: ['message'], take: 51 })}`,
      );
      const messageReads = planNodes(analyzed!['QUERY PLAN'])
        .filter((node) => node['Relation Name'] === 'ChatMessage')
        .map((node) => Number(node['Actual Rows']) * Number(node['Actual Loops']));
      expect(messageReads.reduce((sum, rows) => sum + rows, 0)).toBeLessThanOrEqual(51);

      // And the endpoints answer correctly at that size.
      const page = await api.get(`${SESSIONS}/${chatId}/messages?before=50000&limit=3`, bob.token);
      expect(page.body.items.map((m: { seq: number }) => m.seq)).toEqual([49_999, 49_998, 49_997]);
      expect((await api.get(`${SESSIONS}/${chatId}/unread`, bob.token)).body.count).toBe(100);
      const hits = await api.get(`${SESSIONS}/${chatId}/search?q=needle&limit=100`, bob.token);
      expect(hits.body.items).toHaveLength(10);
    },
  );
});

type PlanNode = Record<string, unknown> & { Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(json: unknown): PlanNode[] {
  const walk = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(walk)];
  const [top] = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ Plan: PlanNode }>;
  return walk(top!.Plan);
}
