// Helpers for the push tests: a subscription stored through the API, and
// waiting for the server's push queue to be empty (every push it was going
// to send has been answered), so a test can count what arrived.
import type { Api, TestUser } from './api';
import type { BrowserSubscription } from './push-service';

export async function subscribe(api: Api, user: TestUser, browser: BrowserSubscription): Promise<string> {
  const res = await api.post('/api/v1/push/subscriptions', browser.toJSON(), user.token);
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.subscription.id;
}

/** Resolves once /api/health reports an empty push queue. */
export async function pushQueueEmpty(url: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await fetch(`${url}/api/health`);
    const body = (await res.json()) as { push?: { queued?: number | null } };
    if (body.push?.queued === 0) return;
    if (Date.now() > deadline)
      throw new Error(`push queue not empty after ${ms} ms: ${JSON.stringify(body.push)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function send(api: Api, from: TestUser, chatId: string, content: string) {
  const res = await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, from.token);
  if (res.status !== 201) throw new Error(`send: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message as { id: string; seq: number };
}
