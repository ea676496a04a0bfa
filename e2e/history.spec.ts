// Long histories: infinite scroll over 500 messages, and search that jumps
// to a message far back.
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { newCredentials, signInByApi } from './fixtures';

async function seedChat(request: APIRequestContext, count: number, first: string) {
  const ann = newCredentials();
  const bob = newCredentials();
  const register = async (c: typeof ann) => {
    const res = await request.post('/api/v1/auth/register', { data: c });
    expect(res.status()).toBe(201);
    return (await res.json()) as { user: { id: string }; token: string };
  };
  const a = await register(ann);
  const b = await register(bob);
  const headers = { authorization: `Bearer ${a.token}` };
  const created = await request.post('/api/v1/chat/sessions', {
    headers,
    data: { type: 'DIRECT', targetUserId: b.user.id },
  });
  const { chat } = (await created.json()) as { chat: { id: string } };
  // One at a time, so the numbers in the text follow the seq order.
  for (let i = 1; i <= count; i++) {
    const res = await request.post(`/api/v1/chat/sessions/${chat.id}/messages`, {
      headers,
      data: { content: i === 1 ? first : `message ${i}` },
    });
    expect(res.status()).toBe(201);
  }
  return { bob, annName: ann.name };
}

async function openAs(browser: Browser, who: ReturnType<typeof newCredentials>, chatName: string) {
  const page = await (await browser.newContext()).newPage();
  await signInByApi(page, who);
  await page.goto('/chat');
  await page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(chatName) })
    .click();
  return page;
}

test('scrolling up loads 500 messages of history, in order, keeping the place', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { bob, annName } = await seedChat(request, 500, 'message 1');
  const page = await openAs(browser, bob, annName);
  const log = page.getByRole('log');
  await expect(log.getByText('message 500', { exact: true })).toBeVisible();
  const scroller = log.locator('xpath=..');
  // The oldest message of the first page stays where the reader is looking when older ones load above it.
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect(log.getByText('message 401', { exact: true })).toBeAttached();
  await expect(log.getByText('message 451', { exact: true })).toBeInViewport();
  for (let i = 0; i < 30 && !(await log.getByText('message 1', { exact: true }).isVisible()); i++) {
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(400);
  }
  await expect(log.getByText('message 1', { exact: true })).toBeVisible();
  const texts = await log.locator('[data-message-id] p:first-child').allTextContents();
  const seqs = texts.map((t) => Number(/^message (\d+)$/.exec(t)?.[1])).filter((n) => !Number.isNaN(n));
  expect(seqs).toHaveLength(500);
  expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
});

test('search highlights matches and jumps to a message far back', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { bob, annName } = await seedChat(request, 150, 'the needle in the haystack');
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
