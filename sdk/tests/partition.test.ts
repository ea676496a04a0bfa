// The SDK's exactly-once promise under partitions: two clients send 1,000
// messages between them while their transports drop at random points, the
// server restarts cleanly and is killed with SIGKILL (PostgreSQL, so the
// data survives). Afterwards every send is stored exactly once, in order,
// and each client's store equals the database. The schedule comes from a
// seed, printed on failure; SDK_PARTITION_SEED replays one.
import { cutConnection, restoreConnection } from '@chat/sdk/testing';
import type { ChatClient } from '@chat/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOutbox, prng, settleAll, storeDifferences } from './support/compare';
import { startServerUnderTest, type ServerUnderTest } from './support/server';
import { Api, closeClients, createDirect, createGroup, openClient, sleep } from './support/users';

const SENDS = 1000;
const seed = Number(process.env.SDK_PARTITION_SEED ?? Math.floor(Math.random() * 2 ** 31));

let server: ServerUnderTest;
beforeAll(async () => {
  // Random text trips the word filter now and then ("a55"): not this test's subject.
  server = await startServerUnderTest('chat_sdk_partition', { WORD_FILTER_BASELINE: 'off' });
});
afterAll(async () => {
  await closeClients();
  await server?.dispose();
});

type Disruption =
  | { at: number; kind: 'cut'; who: number; downMs: number }
  | { at: number; kind: 'engine'; who: number }
  | { at: number; kind: 'restart' | 'kill' };

/** Where the transport drops, drawn from the seed: client-side cuts and closes, one restart, one kill -9. */
function schedule(random: () => number): Disruption[] {
  const at = (from: number, to: number) => from + Math.floor(random() * (to - from));
  const who = () => (random() < 0.5 ? 0 : 1);
  const plan: Disruption[] = [
    { at: at(200, 450), kind: 'restart' },
    { at: at(550, 800), kind: 'kill' },
  ];
  for (let i = 0; i < 4; i++) plan.push({ at: at(20, 950), kind: 'cut', who: who(), downMs: at(100, 1500) });
  for (let i = 0; i < 8; i++) plan.push({ at: at(20, 980), kind: 'engine', who: who() });
  return plan.sort((a, b) => a.at - b.at);
}

/** What happened when, for a failure message: disruptions and each client's connection changes. */
const started = Date.now();
const timeline: string[] = [];
const note = (line: string) => timeline.push(`${String(Date.now() - started).padStart(6)} ms ${line}`);

describe('partitions during a stream of sends', () => {
  it(`delivers ${SENDS} sends exactly once, in order, and both stores equal the database`, async () => {
    try {
      await run();
    } catch (error) {
      if (error instanceof Error) {
        error.message = `[SDK_PARTITION_SEED=${seed}] ${error.message}\ntimeline:\n${timeline.join('\n')}`;
      }
      throw error;
    }
  }, 200_000);
});

async function run() {
  console.log(`partition test seed ${seed} (replay with SDK_PARTITION_SEED=${seed})`);
  const random = prng(seed);
  const api = new Api(server.url);
  const [ann, bob, cid] = await Promise.all([api.register('Ann'), api.register('Bob'), api.register('Cid')]);
  const direct = await createDirect(api, ann, bob);
  const group = await createGroup(api, ann, [bob, cid]);
  const chatIds = [direct, group];
  const clients: ChatClient[] = [await openClient(server.url, ann), await openClient(server.url, bob)];
  const senders = [ann, bob];
  clients.forEach((client, who) => {
    let last = client.store.getState().connection;
    client.store.subscribe(() => {
      const now = client.store.getState().connection;
      if (now !== last) note(`${senders[who]!.name} ${last} → ${now}`);
      last = now;
    });
  });

  const sent: Array<{ id: string; who: number; chatId: string; content: string }> = [];
  const plan = schedule(random);
  // Server stops and starts one after another, while the sends go on.
  let serverOps: Promise<void> = Promise.resolve();
  const restores: Promise<void>[] = [];
  const cut = new Set<number>();

  for (let i = 0; i < SENDS; i++) {
    for (const d of plan.filter((p) => p.at === i)) {
      note(`at send ${i}: ${d.kind}${'who' in d ? ` ${senders[d.who]!.name}` : ''}`);
      const op = (what: string, down: () => Promise<void>) => async () => {
        await down();
        note(`server ${what}`);
        await server.start();
        note('server up');
      };
      if (d.kind === 'restart') serverOps = serverOps.then(op('stopped', () => server.stop()));
      else if (d.kind === 'kill') serverOps = serverOps.then(op('killed', () => server.kill()));
      else if (d.kind === 'engine') clients[d.who]!.socket.io.engine?.close();
      else if (d.kind === 'cut' && !cut.has(d.who)) {
        cut.add(d.who);
        const client = clients[d.who]!;
        cutConnection(client);
        restores.push(
          sleep(d.downMs).then(() => {
            cut.delete(d.who);
            note(`restore ${senders[d.who]!.name}`);
            restoreConnection(client);
          }),
        );
      }
    }
    const who = random() < 0.5 ? 0 : 1;
    const chatId = chatIds[random() < 0.5 ? 0 : 1]!;
    const content = `${senders[who]!.name} #${i} ${Math.floor(random() * 1e6).toString(36)}`;
    const id = clients[who]!.messages.send(chatId, { content });
    sent.push({ id, who, chatId, content });
    const pace = random();
    if (pace < 0.25) await sleep(Math.floor(random() * 40));
    else if (pace < 0.6) await new Promise((r) => setImmediate(r));
  }
  note('all sent');
  await serverOps;
  await Promise.all(restores);
  await settleAll(clients, chatIds);

  // Every send exactly once, in its chat, from its sender, with its content.
  const { rows } = await server.db.query<{
    clientMessageId: string | null;
    chatId: string;
    senderId: string | null;
    content: string;
    seq: number;
  }>(
    `SELECT "clientMessageId", "chatId", "senderId", content, seq FROM "ChatMessage"
      WHERE "chatId" = ANY($1::uuid[]) AND "senderId" = ANY($2::uuid[]) AND "clientMessageId" IS NOT NULL
      ORDER BY "chatId", seq`,
    [chatIds, [ann.id, bob.id]],
  );
  const byId = new Map<string, typeof rows>();
  for (const row of rows)
    byId.set(row.clientMessageId ?? '', [...(byId.get(row.clientMessageId ?? '') ?? []), row]);
  // A lost send, with what its client's outbox says about it (a failed item and why, or nothing).
  const lost = sent
    .filter((s) => !byId.has(s.id))
    .map((s) => {
      const item = clients[s.who]!.store.getState().outbox.find((i) => i.id === s.id);
      return `${s.content}: ${item ? `${item.status} ${JSON.stringify(item.error ?? null)}` : 'not in the outbox'}`;
    });
  const doubled = [...byId].filter(([, r]) => r.length > 1).map(([id, r]) => `${id} ×${r.length}`);
  const strangers = rows.filter((r) => !sent.some((s) => s.id === r.clientMessageId)).map((r) => r.content);
  expect({ lost, doubled, strangers }).toEqual({ lost: [], doubled: [], strangers: [] });
  expect(rows).toHaveLength(SENDS);
  const wrong = sent.filter((s) => {
    const row = byId.get(s.id)![0]!;
    return row.chatId !== s.chatId || row.senderId !== senders[s.who]!.id || row.content !== s.content;
  });
  expect(wrong.map((s) => s.content)).toEqual([]);

  // In each chat, each client's sends in the order it made them.
  for (const chatId of chatIds) {
    for (const who of [0, 1]) {
      const order = sent
        .filter((s) => s.chatId === chatId && s.who === who)
        .map((s) => byId.get(s.id)![0]!.seq);
      const sorted = [...order].sort((a, b) => a - b);
      expect(
        order,
        `${senders[who]!.name}'s sends in ${chatId === direct ? 'the direct chat' : 'the group'}`,
      ).toEqual(sorted);
    }
  }

  // Nothing left behind, and each store is the database.
  for (const client of clients) {
    expect(describeOutbox(client)).toEqual([]);
    expect(await storeDifferences(client, server.db, chatIds)).toEqual([]);
  }
}
