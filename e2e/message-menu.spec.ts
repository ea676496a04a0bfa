// The message menu: reply with a quote that jumps to the original, copy,
// edit with the time left, all by keyboard too.
import type { APIRequestContext, Page } from '@playwright/test';
import {
  directChatByApi,
  expect,
  openChat,
  openDirect,
  registerByApi,
  sendByApi,
  signInByApi,
  test,
} from './fixtures';

// Two or three browsers on a shared two-core machine: give each journey room.
test.describe.configure({ timeout: 90_000 });

async function say(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText(text, { exact: true })).toBeVisible();
  // Stored, not pending: only stored messages have a menu.
  await expect(page.locator('[data-tick="pending"]')).toHaveCount(0);
}

/** The row of the message whose own text is `text` (not a quote of it). */
const bubble = (page: Page, text: string) =>
  page.getByRole('log').locator('[data-message-id]').filter({ hasText: text }).first();
const menuOf = (page: Page, text: string) =>
  page
    .getByRole('log')
    .locator('.group')
    .filter({ has: page.getByText(text, { exact: true }) })
    .first()
    .getByRole('button', { name: 'Message actions' });

test('a reply quotes its original for both people, and the quote jumps to it', async ({ people }) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await say(ann.page, 'Where shall we meet?');
  for (const text of ['I can do Tuesday', 'or Wednesday', 'after six']) await say(ann.page, text);

  await openChat(bob.page, ann.name);
  await menuOf(bob.page, 'Where shall we meet?').click();
  await bob.page.getByRole('menuitem', { name: 'Reply' }).click();
  await expect(bob.page.getByText(`Replying to ${ann.name}: Where shall we meet?`)).toBeVisible();
  const box = bob.page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();
  await box.fill('At the station');
  await box.press('Enter');
  await expect(bob.page.getByText(/Replying to/)).toHaveCount(0);

  await expect(
    bob.page.getByRole('button', { name: `In reply to ${ann.name}: Where shall we meet?` }),
  ).toBeVisible();
  const quote = ann.page.getByRole('button', { name: 'In reply to You: Where shall we meet?' });
  await expect(quote).toBeVisible();
  await expect(bubble(ann.page, 'At the station')).toContainText('Where shall we meet?');

  // Ann scrolls the original away, then the quote brings her back to it.
  await ann.page
    .getByRole('log')
    .locator('xpath=..')
    .evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await quote.click();
  const original = bubble(ann.page, 'Where shall we meet?');
  await expect(original).toBeFocused();
  await expect(original).toHaveAttribute('data-highlight', 'true');

  // Escape gives up a reply before it is sent.
  await menuOf(ann.page, 'At the station').click();
  await ann.page.getByRole('menuitem', { name: 'Reply' }).click();
  await expect(ann.page.getByText(`Replying to ${bob.name}: At the station`)).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(ann.page.getByText(/Replying to/)).toHaveCount(0);

  // Deleting the original turns both quotes into "Deleted message", live.
  ann.page.once('dialog', (d) => void d.accept());
  await menuOf(ann.page, 'Where shall we meet?').click();
  await ann.page.getByRole('menuitem', { name: 'Delete for everyone' }).click();
  await expect(ann.page.getByRole('button', { name: 'In reply to You: Deleted message' })).toBeVisible();
  await expect(
    bob.page.getByRole('button', { name: `In reply to ${ann.name}: Deleted message` }),
  ).toBeVisible();
});

async function seed(request: APIRequestContext, count: number) {
  const [ann, bob] = [await registerByApi(request), await registerByApi(request)];
  const chatId = await directChatByApi(request, ann, bob);
  const first = await sendByApi(request, ann, chatId, 'the very first question');
  for (let i = 2; i <= count; i++) await sendByApi(request, ann, chatId, `message ${i}`);
  await sendByApi(request, bob, chatId, 'an answer to the first', { replyToId: first.id });
  return { ann, bob };
}

test('a quote of a message far back is fetched, and jumping to it loads the history', async ({
  browser,
  request,
}) => {
  const { ann, bob } = await seed(request, 70);
  const page = await (await browser.newContext()).newPage();
  await signInByApi(page, bob);
  await openChat(page, ann.name);
  const quote = page.getByRole('button', { name: /In reply to .*the very first question/ });
  await expect(quote).toBeVisible();
  // Only the reply shows it: the original is not in the first page of 50.
  const original = page
    .getByRole('log')
    .locator('[data-message-id]')
    .filter({ hasText: 'the very first question' })
    .filter({ hasNot: page.getByRole('button', { name: /In reply to/ }) });
  await expect(original).toHaveCount(0);
  await quote.click();
  await expect(original).toBeFocused();
  await expect(original).toBeInViewport();
  await page.context().close();
});

test('keyboard only: Tab to the menu, arrows move, Escape closes; copy and the edit time left', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await ann.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A browser clock an hour fast: the countdown still follows the server's.
  await ann.page.clock.install({ time: Date.now() + 60 * 60_000 });
  await openDirect(ann.page, bob.name);
  await say(ann.page, 'copy me, exactly  as is');

  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.focus();
  await ann.page.keyboard.press('Shift+Tab');
  const button = menuOf(ann.page, 'copy me, exactly  as is');
  await expect(button).toBeFocused();
  await expect(button).toHaveCSS('opacity', '1');
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  await ann.page.keyboard.press('Enter');
  const menu = ann.page.getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  await expect(items).toHaveText([
    'Reply',
    'Forward…',
    'Copy text',
    /^Edit \(1[45] min left\)$/,
    'Delete for me',
    'Delete for everyone',
  ]);
  await expect(items.nth(0)).toBeFocused();
  await ann.page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await ann.page.keyboard.press('ArrowUp');
  await ann.page.keyboard.press('ArrowUp');
  await expect(items.nth(5)).toBeFocused();
  await ann.page.keyboard.press('Home');
  await expect(items.nth(0)).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();

  // Copy: the exact text on the clipboard, and a polite confirmation.
  await ann.page.keyboard.press('Space');
  await expect(items.nth(0)).toBeFocused();
  await ann.page.keyboard.press('ArrowDown');
  await ann.page.keyboard.press('ArrowDown');
  await ann.page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(ann.page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await ann.page.evaluate(() => navigator.clipboard.readText())).toBe('copy me, exactly  as is');

  // Edit from the menu puts the text in the composer.
  await button.press('Enter');
  await ann.page.getByRole('menuitem', { name: /^Edit/ }).press('Enter');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('copy me, exactly  as is');
});
