// Disappearing messages, delete for me and forward (issue 20, items 5 and 6).
// The journeys' server offers a 5-second timer (DISAPPEARING_TIMERS in
// playwright.config.ts) and sweeps every second.
import type { Page } from '@playwright/test';
import { directChatByApi, expect, openChat, openDirect, registerByApi, sendByApi, test } from './fixtures';

test.describe.configure({ timeout: 90_000 });

const log = (page: Page) => page.getByRole('log');
const menuOf = (page: Page, text: string) =>
  log(page)
    .locator('.group')
    .filter({ has: page.getByText(text, { exact: true }) })
    .first()
    .getByRole('button', { name: 'Message actions' });

async function say(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
  await expect(log(page).getByText(text, { exact: true })).toBeVisible();
  await expect(page.locator('[data-tick="pending"]')).toHaveCount(0);
}

test('a disappearing timer set from the chat menu makes a message vanish for both people', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await say(ann.page, 'before the timer');
  await openChat(bob.page, ann.name);
  await expect(log(bob.page).getByText('before the timer')).toBeVisible();

  // By keyboard: open the menu, move to "5 seconds", choose it.
  const control = ann.page.getByRole('button', { name: 'Disappearing messages: off' });
  await control.focus();
  await ann.page.keyboard.press('Enter');
  const menu = ann.page.getByRole('menu', { name: 'Disappearing messages: off' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Off ✓',
    '5 seconds',
    '24 hours',
    '7 days',
    '90 days',
  ]);
  await ann.page.keyboard.press('ArrowDown');
  await ann.page.keyboard.press('Enter');
  const notice = `${ann.name} turned on disappearing messages: new messages disappear 5 seconds after they are sent`;
  for (const page of [ann.page, bob.page]) {
    await expect(log(page).getByText(notice)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Disappearing messages: 5 seconds' })).toBeVisible();
  }

  await say(ann.page, 'this will vanish');
  for (const page of [ann.page, bob.page]) {
    const row = log(page).locator('[data-message-id]').filter({ hasText: 'this will vanish' });
    await expect(row.getByRole('img', { name: /^Disappears / })).toBeVisible();
  }
  // Gone for both, tombstone and all; what was sent before the timer stays.
  for (const page of [ann.page, bob.page]) {
    await expect(log(page).getByText('this will vanish')).toHaveCount(0, { timeout: 20_000 });
    await expect(log(page).getByText('This message was deleted')).toHaveCount(0);
    await expect(log(page).getByText('before the timer')).toBeVisible();
  }
});

test('delete for me hides a message for me only; forward sends it on, marked Forwarded', async ({
  people,
  request,
}) => {
  const [ann, cara] = await people(2);
  // Ann has a chat with Cara, and Bob (seeded over the API) writes to Ann.
  await openDirect(ann.page, cara.name);
  await say(ann.page, 'hi Cara');
  const bob = await registerByApi(request);
  const chatId = await directChatByApi(request, bob, { user: { id: ann.id } });
  await sendByApi(request, bob, chatId, 'the plan is at 8');
  await sendByApi(request, bob, chatId, 'ignore this one');
  await openChat(ann.page, bob.name);
  await expect(log(ann.page).getByText('ignore this one')).toBeVisible();

  // Delete for me: gone for Ann, here and after a reload; Bob still has it.
  ann.page.once('dialog', (d) => void d.accept());
  await menuOf(ann.page, 'ignore this one').click();
  await ann.page.getByRole('menuitem', { name: 'Delete for me' }).click();
  await expect(log(ann.page).getByText('ignore this one')).toHaveCount(0);
  await ann.page.reload();
  await expect(log(ann.page).getByText('the plan is at 8')).toBeVisible();
  await expect(log(ann.page).getByText('ignore this one')).toHaveCount(0);
  const bobHistory = await request.get(`/api/v1/chat/sessions/${chatId}/messages`, {
    headers: { authorization: `Bearer ${bob.token}` },
  });
  const items = ((await bobHistory.json()) as { items: Array<{ content: string }> }).items;
  expect(items.map((m) => m.content)).toEqual(['ignore this one', 'the plan is at 8']);

  // Forward, by keyboard: the menu, "Forward…", find Cara, Enter.
  await menuOf(ann.page, 'the plan is at 8').focus();
  await ann.page.keyboard.press('Enter');
  await ann.page.getByRole('menuitem', { name: 'Forward…' }).press('Enter');
  const dialog = ann.page.getByRole('dialog', { name: 'Forward to…' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('searchbox', { name: 'Find a chat' })).toBeFocused();
  await ann.page.keyboard.type(cara.name);
  await expect(dialog.getByRole('button', { name: /^Forward to / })).toHaveCount(1);
  await ann.page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: `Forward to ${cara.name}` })).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(ann.page.getByRole('status').filter({ hasText: `Forwarded to ${cara.name}` })).toBeVisible();

  await openChat(cara.page, ann.name);
  const forwarded = log(cara.page).locator('[data-message-id]').filter({ hasText: 'the plan is at 8' });
  await expect(forwarded).toBeVisible();
  await expect(forwarded.getByText('Forwarded', { exact: true })).toBeVisible();
  // It names neither Bob nor the chat it came from.
  await expect(forwarded).not.toContainText(bob.name);
});
