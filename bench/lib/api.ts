// Accounts and chats made through the real HTTP API.
import { randomUUID } from 'node:crypto';
import { nowMs } from './histogram';

export interface BenchUser {
  id: string;
  token: string;
}

async function call<T>(url: string, init: { method?: string; token?: string; body?: unknown }): Promise<T> {
  const res = await fetchOnce(url, init).catch((error: Error) => {
    // A pooled keep-alive connection the server closed while the bench was
    // seeding: a GET can safely go again on a fresh one.
    if ((init.method ?? 'GET') !== 'GET') throw error;
    return fetchOnce(url, init);
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

function fetchOnce(url: string, init: { method?: string; token?: string; body?: unknown }): Promise<Response> {
  return fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function inParallel<T>(count: number, concurrency: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await one(i);
      }
    }),
  );
  return out;
}

/** Registers `count` users (argon2 hashing makes this the slow part of setup). */
export function registerUsers(base: string, count: number): Promise<BenchUser[]> {
  const run = randomUUID().slice(0, 8);
  return inParallel(count, 8, async (i) => {
    const { user, token } = await call<{ user: { id: string }; token: string }>(`${base}/api/v1/auth/register`, {
      method: 'POST',
      body: { email: `bench-${run}-${i}@example.com`, password: 'bench password 123', name: `Bench ${i}` },
    });
    return { id: user.id, token };
  });
}

export async function createChat(
  base: string,
  owner: BenchUser,
  others: BenchUser[],
): Promise<string> {
  const body =
    others.length === 1
      ? { type: 'DIRECT', targetUserId: (others[0] as BenchUser).id }
      : { type: 'GROUP', name: `bench ${randomUUID().slice(0, 6)}`, participantIds: others.map((u) => u.id) };
  const { chat } = await call<{ chat: { id: string } }>(`${base}/api/v1/chat/sessions`, {
    method: 'POST',
    token: owner.token,
    body,
  });
  return chat.id;
}

export function createChats(
  base: string,
  groups: Array<{ owner: BenchUser; others: BenchUser[] }>,
): Promise<string[]> {
  return inParallel(groups.length, 8, (i) => {
    const g = groups[i] as { owner: BenchUser; others: BenchUser[] };
    return createChat(base, g.owner, g.others);
  });
}

/** Times one GET, failing on a non-2xx answer. */
export async function timedGet(url: string, token: string): Promise<number> {
  const started = nowMs();
  await call<unknown>(url, { token });
  return nowMs() - started;
}
