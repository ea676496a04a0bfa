// What "the store equals the database" means, written once for every SDK
// test: the rows are read with pg directly, not through the server's API.
import type { ChatClient } from '@chat/sdk';
import type pg from 'pg';

interface MessageRow {
  id: string;
  seq: number;
  senderId: string | null;
  content: string;
  clientMessageId: string | null;
  edited: boolean;
  deleted: boolean;
}

export async function messageRows(db: pg.Client, chatId: string): Promise<MessageRow[]> {
  const { rows } = await db.query<MessageRow>(
    `SELECT id, seq, "senderId", content, "clientMessageId",
            "editedAt" IS NOT NULL AS edited, "deletedAt" IS NOT NULL AS deleted
       FROM "ChatMessage" WHERE "chatId" = $1 ORDER BY seq`,
    [chatId],
  );
  return rows;
}

export async function readWatermarks(db: pg.Client, chatId: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ userId: string; lastReadSeq: number }>(
    `SELECT "userId", "lastReadSeq" FROM "ChatParticipant" WHERE "chatId" = $1 AND "leftAt" IS NULL`,
    [chatId],
  );
  return Object.fromEntries(rows.map((r) => [r.userId, r.lastReadSeq]));
}

/**
 * Every way the client's store differs from the database for these chats,
 * as readable lines (empty: equal). The caller syncs and loads history first.
 */
export async function storeDifferences(
  client: ChatClient,
  db: pg.Client,
  chatIds: string[],
  { receipts = false }: { receipts?: boolean } = {},
): Promise<string[]> {
  const state = client.store.getState();
  const who = state.me?.id ?? '?';
  const out: string[] = [];
  for (const chatId of chatIds) {
    const rows = await messageRows(db, chatId);
    const local = state.messages[chatId];
    if (!local) {
      out.push(`${who}: chat ${chatId} has no messages entry (database: ${rows.length})`);
      continue;
    }
    const dbSeqs = rows.map((r) => r.seq);
    if (JSON.stringify(local.seqs) !== JSON.stringify(dbSeqs)) {
      const missing = dbSeqs.filter((s) => !local.seqs.includes(s));
      const extra = local.seqs.filter((s) => !dbSeqs.includes(s));
      out.push(
        `${who}: chat ${chatId} seqs differ: ${local.seqs.length} in store, ${dbSeqs.length} in database; ` +
          `missing ${JSON.stringify(missing.slice(0, 20))}, extra ${JSON.stringify(extra.slice(0, 20))}`,
      );
    }
    if (new Set(local.seqs).size !== local.seqs.length)
      out.push(`${who}: chat ${chatId} seqs hold duplicates`);
    for (let i = 1; i < local.seqs.length; i++) {
      if (local.seqs[i]! <= local.seqs[i - 1]!) {
        out.push(`${who}: chat ${chatId} seqs not ascending at ${i}`);
        break;
      }
    }
    const ids = Object.values(local.bySeq).map((m) => m.id);
    if (new Set(ids).size !== ids.length) out.push(`${who}: chat ${chatId} holds one message id at two seqs`);
    for (const row of rows) {
      const m = local.bySeq[row.seq];
      if (!m) continue;
      const expected = {
        id: row.id,
        chatId,
        senderId: row.senderId,
        content: row.deleted ? '' : row.content,
        clientMessageId: row.clientMessageId,
        edited: row.edited,
        deleted: row.deleted,
      };
      const actual = {
        id: m.id,
        chatId: m.chatId,
        senderId: m.senderId,
        content: m.content,
        clientMessageId: m.clientMessageId,
        edited: m.editedAt !== null,
        deleted: m.deletedAt !== null,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        out.push(
          `${who}: chat ${chatId} seq ${row.seq}: store ${JSON.stringify(actual)} ≠ database ${JSON.stringify(expected)}`,
        );
      }
    }
    if (receipts) {
      const marks = await readWatermarks(db, chatId);
      for (const [userId, lastReadSeq] of Object.entries(marks)) {
        const known = state.receipts[chatId]?.[userId]?.lastReadSeq ?? 0;
        if (known !== lastReadSeq) {
          out.push(
            `${who}: chat ${chatId} read watermark of ${userId}: store ${known}, database ${lastReadSeq}`,
          );
        }
      }
    }
  }
  return out;
}

/** The outbox as one line per item, for failure messages. */
export function describeOutbox(client: ChatClient): string[] {
  return client.store
    .getState()
    .outbox.map(
      (i) =>
        `${i.kind} ${i.id} chat ${i.chatId} ${i.status} attempts ${i.attempts}${i.error ? ` ${i.error.code}` : ''}`,
    );
}

/** Waits for whenSettled, or fails saying what is still in the outbox and how the client is connected. */
export async function settled(client: ChatClient, ms = 60_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const state = client.store.getState();
      reject(
        new Error(
          `whenSettled() did not resolve within ${ms} ms for ${state.me?.id ?? '?'}: ` +
            `connection ${state.connection}, outbox ${JSON.stringify(describeOutbox(client).slice(0, 10))}` +
            ` (${state.outbox.length} items)`,
        ),
      );
    }, ms);
  });
  try {
    await Promise.race([client.whenSettled(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settles every client first (so each one's sends are stored), then has each
 * catch up and load all history of the chats: their stores are then final.
 */
export async function settleAll(clients: ChatClient[], chatIds: string[], ms = 60_000): Promise<void> {
  await Promise.all(clients.map((c) => settled(c, ms)));
  for (const client of clients) {
    await client.sync();
    for (const chatId of chatIds) await client.messages.loadAll(chatId);
  }
}

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
