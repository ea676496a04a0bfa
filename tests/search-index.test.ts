// The search indexer (lib/chat/search-index.ts): a send lists the message in
// "SearchIndexTodo" and the indexer moves it into "ChatMessageSearch" after
// the commit. Search is right before the indexer runs, after it, and across
// a crash in between; edits and deletes reach the index the same way.
import pg from 'pg';
import { describe } from 'vitest';
import { indexSearchBatch } from '@/lib/chat/search-index';
import { Api, registerAll, type TestUser } from './support/api';
import { createGroup, waitFor } from './support/chat';
import { spawnServer } from './support/child-server';
import { expect, it, test } from './support/fixtures';
import { createServerDatabase } from './support/postgres';
import { TEST_DB } from './support/server';

const SESSIONS = '/api/v1/chat/sessions';
const MESSAGES = '/api/v1/chat/messages';

async function found(api: Api, user: TestUser, chatId: string, q: string): Promise<string[]> {
  const res = await api.get(`${SESSIONS}/${chatId}/search?q=${encodeURIComponent(q)}`, user.token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((hit: { message: { content: string } }) => hit.message.content);
}

// An indexer that waits long enough after each change for the checks of
// "not indexed yet" to run first, and has no timer of its own.
test.override('serverEnv', { SEARCH_INDEX_DELAY_MS: '5000', SEARCH_INDEX_INTERVAL_MS: '3600000' });

describe(`search indexer on ${TEST_DB}`, () => {
  it('finds a message from its ack on, and after indexing; edits and deletes reach the index', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
    const chatId = await createGroup(api, ann, [bob]);
    const listed = async () =>
      Number(
        (
          await prisma.$queryRaw<Array<{ n: bigint }>>`
            SELECT count(*) AS n FROM "SearchIndexTodo" WHERE "chatId" = ${chatId}::uuid`
        )[0]?.n,
      );
    const indexedRow = async (id: string) =>
      (
        await prisma.$queryRaw<Array<{ text: string; seq: number }>>`
        SELECT text, seq FROM "ChatMessageSearch" WHERE "messageId" = ${id}::uuid`
      )[0];
    const indexed = async (id: string) => (await indexedRow(id))?.text;

    const sent = await api.post(`${SESSIONS}/${chatId}/messages`, { content: 'alpha bravo' }, ann.token);
    expect(sent.status).toBe(201);
    const id: string = sent.body.message.id;
    // Listed, not indexed yet: search reads it directly.
    expect(await indexed(id)).toBeUndefined();
    expect(await listed()).toBeGreaterThan(0);
    expect(await found(api, bob, chatId, 'bravo')).toEqual(['alpha bravo']);
    expect(await found(api, bob, chatId, 'brav')).toEqual(['alpha bravo']);

    await waitFor(async () => (await listed()) === 0, 20_000, 'the indexer to take the message');
    // The index row carries the message's seq: search orders and pages on it.
    expect(await indexedRow(id)).toEqual({ text: 'alpha bravo', seq: sent.body.message.seq });
    expect(await found(api, bob, chatId, 'bravo')).toEqual(['alpha bravo']);

    // An edit: the old words stop matching at once, though the index still holds them.
    expect((await api.put(`${MESSAGES}/${id}`, { content: 'charlie delta' }, ann.token)).status).toBe(200);
    expect(await indexed(id)).toBe('alpha bravo');
    expect(await found(api, bob, chatId, 'bravo')).toEqual([]);
    expect(await found(api, bob, chatId, 'delta')).toEqual(['charlie delta']);
    await waitFor(async () => (await listed()) === 0, 20_000, 'the indexer to take the edit');
    expect(await indexed(id)).toBe('charlie delta');
    expect(await found(api, bob, chatId, 'delta')).toEqual(['charlie delta']);

    // A delete: gone from search at once, and from the index after.
    expect((await api.delete(`${MESSAGES}/${id}`, ann.token)).status).toBe(200);
    expect(await found(api, bob, chatId, 'delta')).toEqual([]);
    await waitFor(async () => (await listed()) === 0, 20_000, 'the indexer to take the delete');
    expect(await indexed(id)).toBeUndefined();
    expect(await found(api, bob, chatId, 'delta')).toEqual([]);
  });

  it('indexes in batches, each change once, and a batch that finds nothing listed does nothing', async ({
    api,
    server,
  }) => {
    const prisma = server.database.prisma;
    const [ann] = await registerAll(api, 'Cat');
    const chatId = await createGroup(api, ann, []);
    for (let i = 0; i < 5; i++) {
      await api.post(`${SESSIONS}/${chatId}/messages`, { content: `batch word${i}` }, ann.token);
    }
    // The indexer of the running server may take some first; ours takes the rest.
    while ((await indexSearchBatch(prisma, 2)) > 0);
    expect(await indexSearchBatch(prisma)).toBe(0);
    const rows = await prisma.$queryRaw<Array<{ text: string }>>`
      SELECT s.text FROM "ChatMessageSearch" s JOIN "ChatMessage" m ON m.id = s."messageId"
      WHERE m."chatId" = ${chatId}::uuid AND m.type = 'TEXT' ORDER BY m.seq`;
    expect(rows.map((r) => r.text)).toEqual([
      'batch word0',
      'batch word1',
      'batch word2',
      'batch word3',
      'batch word4',
    ]);
  });
});

// kill -9 needs the server in its own process, and a look at the database
// while it is down; as with the crash test of sends, that is PostgreSQL.
describe.runIf(TEST_DB === 'postgres')('search indexer across a crash', () => {
  it('indexes after a restart what a killed process had acked but not indexed', async () => {
    const database = await createServerDatabase('postgres', 'chat_index_crash');
    // An indexer that does not get to run before the kill.
    let server = await spawnServer({
      ...database.env,
      SEARCH_INDEX_DELAY_MS: '60000',
      SEARCH_INDEX_INTERVAL_MS: '3600000',
    });
    const rows = new pg.Client({ connectionString: database.url });
    try {
      const api = new Api(server.url);
      const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
      const chatId = await createGroup(api, ann, [bob]);
      for (const content of ['kilo lima', 'mike november']) {
        expect((await api.post(`${SESSIONS}/${chatId}/messages`, { content }, ann.token)).status).toBe(201);
      }
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));

      await rows.connect();
      const count = async (table: string) =>
        Number(
          (await rows.query(`SELECT count(*) AS n FROM "${table}" WHERE "chatId" = $1`, [chatId])).rows[0].n,
        );
      expect(await count('ChatMessageSearch')).toBe(0);
      expect(await count('SearchIndexTodo')).toBeGreaterThanOrEqual(2);

      server = await spawnServer({
        ...server.env,
        SEARCH_INDEX_DELAY_MS: '200',
        SEARCH_INDEX_INTERVAL_MS: '2000',
      });
      await waitFor(async () => (await count('SearchIndexTodo')) === 0, 20_000, 'the restarted indexer');
      const texts = (
        await rows.query(
          `SELECT s.text FROM "ChatMessageSearch" s JOIN "ChatMessage" m ON m.id = s."messageId"
           WHERE s."chatId" = $1 AND m.type = 'TEXT' ORDER BY m.seq`,
          [chatId],
        )
      ).rows.map((r: { text: string }) => r.text);
      expect(texts).toEqual(['kilo lima', 'mike november']);
      expect(await found(new Api(server.url), bob, chatId, 'november')).toEqual(['mike november']);
    } finally {
      await rows.end().catch(() => undefined);
      server.child.kill('SIGKILL');
      await database.drop();
    }
  }, 120_000);
});
