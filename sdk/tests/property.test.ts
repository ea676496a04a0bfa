// fast-check drives two clients through random interleavings of sends,
// edits, deletes, read marks and dropped connections; after they settle,
// both stores equal the database (messages, edits, deletes, read
// watermarks, the chat list's counts), every send is stored once with its
// last edit, and the outboxes are empty. One server for all runs; fresh
// users and chats for each. SDK_PROPERTY_RUNS / SDK_PROPERTY_SEED to dig.
import { chatList, type ChatClient } from '@chat/sdk';
import { cutConnection, restoreConnection } from '@chat/sdk/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutbox, settleAll, storeDifferences } from './support/compare';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import { Api, closeClients, createDirect, createGroup, openClient, sleep } from './support/users';

let server: ServerUnderTest;
beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_property');
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

const who = fc.constantFrom(0, 1);
const chat = fc.constantFrom(0, 1);
const text = fc
  .array(fc.constantFrom('alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', '🙂', 'ünï'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((words) => words.join(' '));
const command = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('send' as const), who, chat, text }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), who, pick: fc.nat(), text }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('read' as const), who, chat, upTo: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cut' as const), who }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restore' as const), who }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('engine' as const), who }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 80 }) }),
  },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

async function check(commands: Command[]): Promise<void> {
  const api = new Api(server.url);
  const [ann, bob] = await Promise.all([api.register('Ann'), api.register('Bob')]);
  const chatIds = [await createDirect(api, ann, bob), await createGroup(api, ann, [bob])];
  const clients: ChatClient[] = [await openClient(server.url, ann), await openClient(server.url, bob)];
  // The chat list as an app loads it on start; from then on the client keeps it live.
  for (const client of clients) await client.chats.load();
  // The model: what each send's content must end as ('' once deleted).
  const expected = new Map<string, { who: number; chatId: string; content: string; deleted: boolean }>();
  const cut = [false, false];
  try {
    for (const c of commands) {
      if (c.op === 'send') {
        const chatId = chatIds[c.chat]!;
        const id = clients[c.who]!.messages.send(chatId, { content: c.text });
        expected.set(id, { who: c.who, chatId, content: c.text, deleted: false });
      } else if (c.op === 'edit' || c.op === 'delete') {
        // Only messages of one's own that are stored and not (being) deleted.
        const state = clients[c.who]!.store.getState();
        const mine = chatIds
          .flatMap((chatId) => Object.values(state.messages[chatId]?.bySeq ?? {}))
          .filter((m) => m.clientMessageId && expected.get(m.clientMessageId)?.who === c.who)
          .filter((m) => !expected.get(m.clientMessageId!)!.deleted)
          .sort((a, b) => a.id.localeCompare(b.id));
        const target = mine[c.pick % Math.max(1, mine.length)];
        if (!target) continue;
        const model = expected.get(target.clientMessageId!)!;
        if (c.op === 'edit') {
          clients[c.who]!.messages.edit(target.id, c.text);
          model.content = c.text;
        } else {
          clients[c.who]!.messages.delete(target.id);
          model.deleted = true;
        }
      } else if (c.op === 'read') {
        const chatId = chatIds[c.chat]!;
        const seqs = clients[c.who]!.store.getState().messages[chatId]?.seqs ?? [];
        const latest = seqs.length
          ? clients[c.who]!.store.getState().messages[chatId]!.bySeq[seqs.at(-1)!]
          : undefined;
        clients[c.who]!.chats.markRead(chatId, c.upTo ? latest?.id : undefined);
      } else if (c.op === 'cut') {
        if (!cut[c.who]) cutConnection(clients[c.who]!);
        cut[c.who] = true;
      } else if (c.op === 'restore') {
        if (cut[c.who]) restoreConnection(clients[c.who]!);
        cut[c.who] = false;
      } else if (c.op === 'engine') {
        clients[c.who]!.socket.io.engine?.close();
      } else {
        await sleep(c.ms);
      }
    }
    for (const w of [0, 1]) if (cut[w]) restoreConnection(clients[w]!);
    await settleAll(clients, chatIds, 20_000);

    const { rows } = await server.db.query<{
      clientMessageId: string;
      chatId: string;
      content: string;
      deleted: boolean;
    }>(
      `SELECT "clientMessageId", "chatId", content, "deletedAt" IS NOT NULL AS deleted FROM "ChatMessage"
        WHERE "chatId" = ANY($1::uuid[]) AND "clientMessageId" IS NOT NULL ORDER BY "chatId", seq`,
      [chatIds],
    );
    // Every send once, ending as the model says; each chat in the order sent.
    expect(rows.map((r) => r.clientMessageId).sort()).toEqual([...expected.keys()].sort());
    for (const row of rows) {
      const model = expected.get(row.clientMessageId)!;
      expect({ chatId: row.chatId, content: row.content, deleted: row.deleted }).toEqual({
        chatId: model.chatId,
        // A deleted message keeps no text.
        content: model.deleted ? '' : model.content,
        deleted: model.deleted,
      });
    }
    for (const chatId of chatIds) {
      for (const w of [0, 1]) {
        const sentOrder = [...expected]
          .filter(([, m]) => m.chatId === chatId && m.who === w)
          .map(([id]) => id);
        expect(
          rows.filter((r) => sentOrder.includes(r.clientMessageId)).map((r) => r.clientMessageId),
        ).toEqual(sentOrder);
      }
    }
    for (const client of clients) {
      expect(describeOutbox(client)).toEqual([]);
      expect(await storeDifferences(client, server.db, chatIds, { receipts: true })).toEqual([]);
      // The chat list the store keeps live equals the one the server lists now.
      const listed = await client.rest.GET('/api/v1/chat/sessions', {});
      expect(listed.error).toBeUndefined();
      const server_ = Object.fromEntries(
        (listed.data?.items ?? []).map((s) => [
          s.id,
          { lastSeq: s.lastSeq, unread: s.unreadCount, last: s.lastMessage?.id ?? null },
        ]),
      );
      const local = Object.fromEntries(
        chatList(client.store.getState()).map((s) => [
          s.id,
          { lastSeq: s.lastSeq, unread: s.unreadCount, last: s.lastMessage?.id ?? null },
        ]),
      );
      expect(local).toEqual(server_);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

describe('random interleavings of sends, edits, deletes, reads and reconnects', () => {
  it('leave both stores equal to the database, every send once and in order, the outboxes empty', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), check), {
      numRuns: Number(process.env.SDK_PROPERTY_RUNS ?? 20),
      seed: process.env.SDK_PROPERTY_SEED ? Number(process.env.SDK_PROPERTY_SEED) : undefined,
      // Each run talks to a real server: report the first failure as found, do not shrink for minutes.
      endOnFailure: true,
    });
  }, 180_000);
});
