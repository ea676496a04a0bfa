// The data the measured page shows, made through the public API, and the
// browser's sign-in: cookies only, so the measured load stays cold.
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from '@playwright/test';

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** Two people and their direct chat with some history, through the public API. */
export async function seedChat(base: string) {
  const id = randomUUID().slice(0, 8);
  const person = async (name: string) => {
    const credentials = {
      name: `${name} ${id}`,
      email: `${name.toLowerCase()}-${id}@example.com`,
      password: `perf web ${id}`,
    };
    const { user, token } = await post<{ user: { id: string }; token: string }>(
      base,
      '/api/v1/auth/register',
      credentials,
    );
    return { ...credentials, id: user.id, token };
  };
  const me = await person('Ada');
  const peer = await person('Grace');
  const { chat } = await post<{ chat: { id: string } }>(
    base,
    '/api/v1/chat/sessions',
    { type: 'DIRECT', targetUserId: peer.id },
    me.token,
  );
  for (let i = 0; i < 30; i++) {
    const from = i % 2 === 0 ? me : peer;
    await post(
      base,
      `/api/v1/chat/sessions/${chat.id}/messages`,
      { content: `Message ${i + 1} about lunch plans` },
      from.token,
    );
  }
  return { me, peer };
}

/** next-auth's credentials sign-in, as e2e/fixtures.ts signInByApi does it. */
export function signInAs(base: string, { email, password }: { email: string; password: string }) {
  return async (context: BrowserContext) => {
    const csrf = await context.request.get(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await context.request.post(`${base}/api/auth/callback/credentials`, {
      form: { csrfToken, email, password, json: 'true' },
    });
    if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
  };
}
