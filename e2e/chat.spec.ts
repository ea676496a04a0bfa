// Two people in two browsers: a DM in real time, typing, read ticks, and
// user text always shown as text.
import path from 'node:path';
import { expect, openDirect, screenshotDir, test } from './fixtures';

test('two people exchange messages live, see typing, and read ticks turn to read', async ({ people }) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);

  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Hello Bob!');
  await ann.page.keyboard.press('Enter');
  const sent = ann.page.getByRole('log').getByText('Hello Bob!');
  await expect(sent).toBeVisible();

  // Bob sees the chat appear with an unread badge, live.
  await bob.page.goto('/chat');
  const entry = bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) });
  await expect(entry).toContainText('Hello Bob!');
  await expect(entry.getByLabel('1 unread')).toBeVisible();
  await entry.click();
  await expect(bob.page.getByRole('log').getByText('Hello Bob!')).toBeVisible();

  // Reading it turns Ann's tick to "Read".
  await expect(ann.page.locator('[data-tick="read"]')).toHaveCount(1);

  // Typing shows on the other side, then the message arrives without a reload.
  await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Hi Ann', { delay: 30 });
  await expect(ann.page.getByText(/is typing/)).toBeVisible();
  await bob.page.getByRole('button', { name: 'Send' }).click();
  await expect(ann.page.getByRole('log').getByText('Hi Ann')).toBeVisible();
  // A screen reader hears it once, politely; Ann's own messages are not read back to her.
  await expect(ann.page.locator('.sr-only[aria-live="polite"]')).toHaveText(
    `New message from ${bob.name}: Hi Ann`,
  );

  // Shift+Enter keeps writing; Enter sends.
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('line one');
  await box.press('Shift+Enter');
  await box.pressSequentially('line two');
  await box.press('Enter');
  await expect(bob.page.getByRole('log').getByText(/line one\s+line two/)).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    await ann.page.emulateMedia({ colorScheme });
    await ann.page.screenshot({ path: path.join(screenshotDir, `thread-${colorScheme}.png`) });
  }
  // A phone: the thread replaces the list, with a way back.
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await bob.page.screenshot({ path: path.join(screenshotDir, 'thread-phone.png') });
  await bob.page.getByRole('button', { name: 'Back to chats' }).click();
  await expect(bob.page.getByRole('navigation', { name: 'Chats' })).toBeVisible();
  await bob.page.screenshot({ path: path.join(screenshotDir, 'list-phone.png') });
});

test('an XSS payload is shown as text, and only http(s) links are links', async ({ people }) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  let dialogs = 0;
  bob.page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const payload = '<img src=x onerror="alert(1)"> javascript:alert(2) https://example.com/ok';
  await ann.page.getByRole('textbox', { name: 'Message' }).fill(payload);
  await ann.page.keyboard.press('Enter');
  await bob.page.goto('/chat');
  await bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) })
    .click();
  const log = bob.page.getByRole('log');
  await expect(log.getByText('<img src=x onerror="alert(1)">', { exact: false })).toBeVisible();
  await expect(log.locator('img')).toHaveCount(0);
  await expect(log.getByRole('link')).toHaveCount(1);
  await expect(log.getByRole('link')).toHaveAttribute('href', 'https://example.com/ok');
  expect(dialogs).toBe(0);
});

test('edit within the window, and delete, from the message menu', async ({ people }) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('teh typo');
  await ann.page.keyboard.press('Enter');
  const actions = ann.page.getByRole('button', { name: 'Message actions' });
  await actions.click();
  await ann.page.getByRole('menuitem', { name: /^Edit \(\d+ min left\)$/ }).click();
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('the typo, fixed');
  await box.press('Enter');
  await expect(ann.page.getByRole('log').getByText('the typo, fixed')).toBeVisible();
  await expect(ann.page.getByRole('log').getByText('edited')).toBeVisible();
  ann.page.once('dialog', (d) => void d.accept());
  await actions.click();
  await ann.page.getByRole('menuitem', { name: 'Delete for everyone' }).click();
  await expect(ann.page.getByRole('log').getByText('This message was deleted')).toBeVisible();
  // Nothing left to act on, and the reader stays on the tombstone.
  await expect(actions).toHaveCount(0);
  await expect(ann.page.getByRole('log').locator('[data-message-id]')).toBeFocused();
});

test('a browser that goes offline shows it, and catches up without a reload when back', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('before the tunnel');
  await ann.page.keyboard.press('Enter');
  await bob.page.goto('/chat');
  await bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) })
    .click();
  await expect(bob.page.getByRole('log').getByText('before the tunnel')).toBeVisible();

  await bob.context.setOffline(true);
  await bob.page.evaluate(() => window.dispatchEvent(new Event('offline')));
  const banner = bob.page.getByRole('status').filter({ hasText: /offline|Reconnecting/ });
  await expect(banner).toBeVisible();
  for (const text of ['in the tunnel 1', 'in the tunnel 2']) {
    await ann.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await ann.page.keyboard.press('Enter');
    await expect(ann.page.getByRole('log').getByText(text)).toBeVisible();
  }
  await bob.context.setOffline(false);
  await expect(bob.page.getByRole('log').getByText('in the tunnel 2')).toBeVisible({ timeout: 20_000 });
  await expect(bob.page.getByRole('log').getByText('in the tunnel 1')).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('the chat list is asked for once, from the page’s preload, and shows the latest message', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('one list request');
  await ann.page.keyboard.press('Enter');
  await expect(ann.page.getByRole('log').getByText('one list request')).toBeVisible();

  const listRequests: string[] = [];
  bob.page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/chat/sessions') listRequests.push(r.url());
  });
  await bob.page.goto('/chat');
  const entry = bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) });
  await expect(entry).toContainText('one list request');
  await expect(entry.getByLabel('1 unread')).toBeVisible();
  await entry.click();
  await expect(entry.getByLabel('1 unread')).toHaveCount(0);
  await expect(bob.page.getByRole('log').getByText('one list request')).toBeVisible();
  expect(listRequests).toEqual([expect.stringMatching(/\/api\/v1\/chat\/sessions\?limit=100$/)]);
});
