// Long histories: infinite scroll over 500 messages, a virtual list that
// keeps the DOM small over 2,000, search that jumps far back, and arrow keys
// that move between messages.
import type { APIRequestContext, Browser, Locator } from '@playwright/test';
import {
  directChatByApi,
  expect,
  openChat,
  registerByApi,
  sendByApi,
  signInByApi,
  test,
  type Credentials,
} from './fixtures';

/**
 * Ann writes `count` messages to Bob: "message 1" … "message N", the first
 * one's text replaced by `first`. With `parallel`, all but the first and the
 * last are sent several at a time, so their numbers no longer follow seq.
 */
async function seedChat(
  request: APIRequestContext,
  count: number,
  opts: { first?: string; last?: string; parallel?: boolean } = {},
) {
  const ann = await registerByApi(request);
  const bob = await registerByApi(request);
  const chatId = await directChatByApi(request, ann, bob);
  const post = (i: number) =>
    sendByApi(request, ann, chatId, (i === 1 && opts.first) || (i === count && opts.last) || `message ${i}`);
  await post(1);
  let next = 2;
  const worker = async () => {
    while (next < count) await post(next++);
  };
  await Promise.all(Array.from({ length: opts.parallel ? 6 : 1 }, worker));
  await post(count);
  /** Ann writes one more. */
  const write = (content: string) => sendByApi(request, ann, chatId, content);
  return { bob, annName: ann.name, write };
}

async function openAs(browser: Browser, who: Credentials, chatName: string) {
  const page = await (await browser.newContext()).newPage();
  await signInByApi(page, who);
  await openChat(page, chatName);
  return page;
}

/** The numbers of the messages in the DOM, in DOM order. */
async function renderedNumbers(log: Locator, selector = '[data-message-id]') {
  const texts = await log.locator(`${selector} p:first-child`).allTextContents();
  return texts.map((t) => Number(/^message (\d+)$/.exec(t)?.[1])).filter((n) => !Number.isNaN(n));
}

const frame = (log: Locator) =>
  log.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

test('scrolling up loads 500 messages of history, in order, keeping the place, with a bounded DOM', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const { bob, annName } = await seedChat(request, 500);
  const page = await openAs(browser, bob, annName);
  const log = page.getByRole('log');
  await expect(log.getByText('message 500', { exact: true })).toBeVisible();
  const scroller = log.locator('xpath=..');
  // The oldest message of the first page stays where the reader is looking when older ones load above it.
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(log.getByText('message 450', { exact: true })).toBeAttached();
  await expect(log.getByText('message 451', { exact: true })).toBeInViewport();
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await expect(log.getByText('message 1', { exact: true })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 90_000 });

  // Down through all of it: every message once, in order, and never more than a window of rows in the DOM.
  const seen = new Set<number>();
  for (let step = 0; step < 300; step++) {
    const all = await renderedNumbers(log);
    expect(all).toEqual([...all].sort((x, y) => x - y));
    expect(all.length).toBeLessThan(80);
    // The rows around the viewport are consecutive (the tab stop, the newest, is kept apart from them).
    const window = await renderedNumbers(log, '[data-message-id][tabindex="-1"]');
    expect(window).toEqual(window.map((_, i) => (window[0] ?? 0) + i));
    for (const n of all) seen.add(n);
    const done = await scroller.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      el.scrollBy(0, el.clientHeight * 0.8);
      return end;
    });
    if (done) break;
    await frame(log);
  }
  expect(seen.size).toBe(500);
  // Rows mounting while scrolling are not news: the live region stayed silent.
  await expect(page.locator('.sr-only[aria-live="polite"]')).toHaveText('');
});

test('search highlights matches and jumps to a message far back', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { bob, annName } = await seedChat(request, 150, { first: 'the needle in the haystack' });
  const page = await openAs(browser, bob, annName);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Search this chat').fill('needle');
  await page.getByLabel('Search this chat').press('Enter');
  const result = page.getByRole('list', { name: 'Search results' }).getByRole('button');
  await expect(result).toHaveCount(1);
  await expect(result.locator('mark')).toHaveText('needle');
  await result.click();
  await expect(page.getByRole('log').getByText('the needle in the haystack')).toBeInViewport();
});

test('2,000 messages: the DOM keeps a window of rows, a jump far back lands focused, Jump to latest returns', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const { bob, annName } = await seedChat(request, 2000, {
    first: 'the needle in the haystack',
    last: 'the last word',
    parallel: true,
  });
  const page = await openAs(browser, bob, annName);
  const log = page.getByRole('log');
  await expect(log.getByText('the last word')).toBeInViewport();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Search this chat').fill('needle');
  await page.getByLabel('Search this chat').press('Enter');
  await page.getByRole('list', { name: 'Search results' }).getByRole('button').click();
  // All 40 pages load on the way to the oldest message.
  const needle = log.getByText('the needle in the haystack');
  await expect(needle).toBeInViewport({ timeout: 90_000 });
  await expect(page.locator(':focus')).toContainText('the needle in the haystack');
  expect(await log.locator('[data-message-id]').count()).toBeLessThan(80);

  await log.locator('xpath=..').evaluate((el) => el.scrollBy(0, 5000));
  await frame(log);
  expect(await log.locator('[data-message-id]').count()).toBeLessThan(80);
  await page.getByRole('button', { name: 'Jump to latest ↓' }).click();
  await expect(log.getByText('the last word')).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Jump to latest ↓' })).toBeHidden();
  expect(await log.locator('[data-message-id]').count()).toBeLessThan(80);
});

test('arrow keys move between messages and into older history; End returns; Tab goes on to the composer', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { bob, annName } = await seedChat(request, 60);
  const page = await openAs(browser, bob, annName);
  const log = page.getByRole('log');
  await expect(log.getByText('message 60', { exact: true })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  const focused = page.locator(':focus');

  // The newest message is the list's one tab stop, then its reaction and actions buttons, then the composer.
  await box.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveAccessibleName('Message actions');
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveAccessibleName('Add reaction');
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveText(/^message 60/);
  await expect(focused).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('ArrowUp');
  await expect(focused).toHaveText(/^message 59/);
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveText(/^message 60/);
  // Home goes to the oldest loaded message (the first page holds 11–60); ArrowUp from there loads more.
  await page.keyboard.press('Home');
  await expect(focused).toHaveText(/^message 11/);
  await page.keyboard.press('ArrowUp');
  await expect(focused).toHaveText(/^message 10/);
  await expect(focused).toBeInViewport();
  await page.keyboard.press('End');
  await expect(focused).toHaveText(/^message 60/);
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAccessibleName('Add reaction');
  await page.keyboard.press('Tab');
  await expect(focused).toHaveAccessibleName('Message actions');
  await page.keyboard.press('Tab');
  await expect(box).toBeFocused();
});

test('new messages are followed at the end, and wait below while the reader is up in the history', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { bob, annName, write } = await seedChat(request, 60);
  const page = await openAs(browser, bob, annName);
  const log = page.getByRole('log');
  await expect(log.getByText('message 60', { exact: true })).toBeInViewport();
  await write('fresh at the end');
  await expect(log.getByText('fresh at the end')).toBeInViewport();

  await log.locator('xpath=..').evaluate((el) => el.scrollBy(0, -1200));
  const jump = page.getByRole('button', { name: 'Jump to latest ↓' });
  await expect(jump).toBeVisible();
  // The message in the middle of the viewport, to check it stays put.
  const id = await log.locator('xpath=..').evaluate((el) => {
    const box = el.getBoundingClientRect();
    const middle = box.y + box.height / 2;
    const distance = (row: Element) => Math.abs(row.getBoundingClientRect().y - middle);
    const rows = [...el.querySelectorAll('[data-message-id]')].sort((a, b) => distance(a) - distance(b));
    return rows[0]?.getAttribute('data-message-id') ?? '';
  });
  const reading = log.locator(`[data-message-id="${id}"]`);
  const where = await reading.boundingBox();
  await write('fresh while away');
  // Heard, not shown: the reader keeps their place.
  await expect(page.locator('.sr-only[aria-live="polite"]')).toContainText(
    `New message from ${annName}: fresh while away`,
  );
  await expect(log.getByText('fresh while away')).not.toBeInViewport();
  expect(Math.abs(((await reading.boundingBox())?.y ?? NaN) - (where?.y ?? NaN))).toBeLessThan(2);
  await jump.click();
  await expect(log.getByText('fresh while away')).toBeInViewport();
});
