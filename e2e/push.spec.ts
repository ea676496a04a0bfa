// Push notifications in the browser. No push service is reachable here, so
// pushes are delivered to the service worker through the DevTools protocol
// (ServiceWorker.deliverPushMessage), with payloads made by the server's own
// payload builder (lib/push/rules/payload.ts) from real chats and messages.
import type { CDPSession, Worker } from '@playwright/test';
import { messagePush, readPush } from '../lib/push/rules/payload';
import {
  directChatByApi,
  expect,
  openChat,
  openDirect,
  registerByApi,
  sendByApi,
  test,
  type Person,
} from './fixtures';

interface Shown {
  title: string;
  body: string;
  tag: string;
  data: { chatId: string; seq: number; unread: number } | null;
}

/** The service worker of `page`'s origin once active, and a DevTools session that can push to it. */
async function pushable(person: Person): Promise<{ worker: Worker; push(data: unknown): Promise<void> }> {
  const { page, context } = person;
  const origin = new URL(page.url()).origin;
  await context.grantPermissions(['notifications'], { origin });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const cdp: CDPSession = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${origin}/`);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  return {
    worker,
    push: async (data) => {
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin,
        registrationId,
        data: JSON.stringify(data),
      });
    },
  };
}

const shown = (worker: Worker) =>
  worker.evaluate(async () =>
    (await (self as any).registration.getNotifications()).map((n: any) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data as Shown['data'],
    })),
  );

test('the service worker shows one notification per chat, replaces it, closes it when read elsewhere, and a click opens the chat', async ({
  people,
}) => {
  test.setTimeout(60_000);
  const [bob] = await people(1);
  const ann = await registerByApi(bob.page.request);
  const chatId = await directChatByApi(bob.page.request, ann, { user: { id: bob.id } });
  await bob.page.goto('/chat');
  const { worker, push } = await pushable(bob);

  const chat = { id: chatId, type: 'DIRECT' as const, name: null };
  const say = async (content: string, unread: number) => {
    await sendByApi(bob.page.request, ann, chatId, content);
    return messagePush({
      preview: 'sender',
      chat,
      sender: { name: ann.name },
      message: {
        seq: unread,
        type: 'TEXT',
        content,
        attachments: null,
        flagged: false,
        createdAt: new Date().toISOString(),
      },
      unread,
      badge: unread,
    });
  };
  await push(await say('first', 1));
  await expect
    .poll(() => shown(worker))
    .toEqual([
      {
        title: ann.name,
        body: `New message from ${ann.name}`,
        tag: chatId,
        data: expect.objectContaining({ chatId, unread: 1 }),
      },
    ]);
  await push(await say('second', 2));
  await expect
    .poll(() => shown(worker))
    .toEqual([expect.objectContaining({ tag: chatId, body: `2 new messages from ${ann.name}` })]);

  await push(readPush({ chatId, unread: 0, badge: 0, mustShow: false }));
  await expect.poll(() => shown(worker)).toEqual([]);

  // A click opens the chat in the window already open. Only the browser can
  // click a notification, so the test dispatches the click event the browser
  // would, to the service worker, through the DevTools protocol.
  await push(await say('third', 3));
  await expect.poll(async () => (await shown(worker)).length).toBe(1);
  await expect(bob.page.getByRole('heading', { level: 2, name: ann.name })).toHaveCount(0);
  await worker.evaluate(async () => {
    const sw = self as any;
    const [notification] = await sw.registration.getNotifications();
    if (notification)
      sw.dispatchEvent(new (globalThis as any).NotificationEvent('notificationclick', { notification }));
  });
  await expect(bob.page).toHaveURL(new RegExp(`/chat\\?c=${chatId}$`));
  await expect(bob.page.getByRole('heading', { level: 2, name: ann.name })).toBeVisible();
  await expect(bob.page.getByRole('log').getByText('third')).toBeVisible();
  await expect.poll(() => shown(worker)).toEqual([]);
});

test('a notification click from another page of the app navigates that window to the chat', async ({
  people,
}) => {
  const [bob] = await people(1);
  const ann = await registerByApi(bob.page.request);
  const chatId = await directChatByApi(bob.page.request, ann, { user: { id: bob.id } });
  await sendByApi(bob.page.request, ann, chatId, 'over here');
  await bob.page.goto('/settings/notifications');
  const { worker, push } = await pushable(bob);
  await push(
    messagePush({
      preview: 'full',
      chat: { id: chatId, type: 'DIRECT', name: null },
      sender: { name: ann.name },
      message: {
        seq: 1,
        type: 'TEXT',
        content: 'over here',
        attachments: null,
        flagged: false,
        createdAt: new Date().toISOString(),
      },
      unread: 1,
      badge: 1,
    }),
  );
  await expect
    .poll(() => shown(worker))
    .toEqual([expect.objectContaining({ title: ann.name, body: 'over here' })]);
  await worker.evaluate(async () => {
    const sw = self as any;
    const [notification] = await sw.registration.getNotifications();
    if (notification)
      sw.dispatchEvent(new (globalThis as any).NotificationEvent('notificationclick', { notification }));
  });
  await expect(bob.page.getByRole('heading', { level: 2, name: ann.name })).toBeVisible();
  await expect(bob.page.getByRole('log').getByText('over here')).toBeVisible();
});

test('offers notifications right after the first message sent, never on first load, and not again after Not now', async ({
  people,
}) => {
  test.setTimeout(60_000);
  const [ann, bob] = await people(2);
  const prompt = ann.page.getByRole('region', { name: 'Know when they reply' });
  await ann.page.goto('/chat');
  await expect(ann.page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await ann.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await openDirect(ann.page, bob.name);
  await expect(prompt).toHaveCount(0);

  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Hi Bob');
  await ann.page.keyboard.press('Enter');
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('button', { name: 'Turn on notifications' })).toBeVisible();
  await prompt.getByRole('button', { name: 'Not now' }).click();
  await expect(prompt).toHaveCount(0);

  await ann.page.reload();
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Still there?');
  await ann.page.keyboard.press('Enter');
  await expect(ann.page.getByRole('log').getByText('Still there?')).toBeVisible();
  await expect(prompt).toHaveCount(0);
});

test('the settings page changes the preview and quiet hours', async ({ people }) => {
  const [ann] = await people(1);
  await ann.page.goto('/chat');
  await ann.page.getByRole('button', { name: 'Settings' }).click();
  await ann.page.getByRole('menuitem', { name: 'Notifications…' }).click();
  await expect(ann.page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(ann.page.getByText('Notifications are off on this device.')).toBeVisible();
  await expect(ann.page.getByRole('radio', { name: /Name only/ })).toBeChecked();

  await ann.page.getByRole('radio', { name: /Nothing/ }).check();
  await ann.page.getByRole('checkbox', { name: 'No notifications during quiet hours' }).check();
  await ann.page.getByLabel('From', { exact: true }).fill('23:00');
  await ann.page.getByLabel('to', { exact: true }).fill('06:30');
  await ann.page.getByLabel('Time zone').selectOption('Europe/Lisbon');
  await ann.page.getByRole('checkbox', { name: 'Let direct chats through' }).check();
  await ann.page.getByRole('button', { name: 'Save quiet hours' }).click();
  await expect(ann.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await ann.page.reload();
  await expect(ann.page.getByRole('radio', { name: /Nothing/ })).toBeChecked();
  await expect(ann.page.getByLabel('From', { exact: true })).toHaveValue('23:00');
  await expect(ann.page.getByLabel('Time zone')).toHaveValue('Europe/Lisbon');
  const res = await ann.page.request.get('/api/v1/users/me/notifications');
  expect((await res.json()).notifications).toMatchObject({
    preview: 'none',
    quietHours: { start: '23:00', end: '06:30', timeZone: 'Europe/Lisbon', allowDirectChats: true },
  });
});

test('a chat is muted from its header, marked in the list and left out of the badge, and unmuted', async ({
  people,
}) => {
  const [bob] = await people(1);
  const ann = await registerByApi(bob.page.request);
  const chatId = await directChatByApi(bob.page.request, ann, { user: { id: bob.id } });
  await sendByApi(bob.page.request, ann, chatId, 'so noisy');
  await openChat(bob.page, ann.name);
  const list = bob.page.getByRole('navigation', { name: 'Chats' });
  await bob.page.getByRole('button', { name: 'Notifications: on' }).click();
  await bob.page.getByRole('menuitem', { name: 'Mute for 8 hours' }).click();
  await expect(bob.page.getByRole('button', { name: /^Notifications: Muted until / })).toBeVisible();
  await expect(list.getByRole('img', { name: 'muted' })).toBeVisible();
  const unread = await bob.page.request.get('/api/v1/push/unread');
  expect(((await unread.json()) as { badge: number }).badge).toBe(0);

  await bob.page.getByRole('button', { name: /^Notifications: Muted/ }).click();
  await bob.page.getByRole('menuitem', { name: 'Mute always' }).click();
  await expect(bob.page.getByRole('button', { name: 'Notifications: Muted' })).toBeVisible();
  await bob.page.getByRole('button', { name: 'Notifications: Muted' }).click();
  await bob.page.getByRole('menuitem', { name: 'Unmute' }).click();
  await expect(bob.page.getByRole('button', { name: 'Notifications: on' })).toBeVisible();
  await expect(list.getByRole('img', { name: 'muted' })).toHaveCount(0);
});
