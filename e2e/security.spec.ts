// The pages under their Content-Security-Policy: everything a person does on
// them runs without a single refusal, the live socket included.
import { expect, test, watchCsp } from './fixtures';

test('signing in, chatting live and installing the app raise no CSP violation', async ({
  page,
  account,
  people,
}) => {
  // Two people, a sign-in, a reload through the service worker: past 30 s on two busy cores.
  test.setTimeout(90_000);
  const violations = await watchCsp(page);
  const [bob] = await people(1);
  const bobViolations = await watchCsp(bob.page);

  // Signed out: the landing page, then the sign-in form, which posts with fetch.
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/chat');
  await expect(page.getByRole('heading', { name: 'Chats' })).toBeVisible();

  // The chat screen hydrated and its socket is up: a message goes both ways, live.
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.getByLabel('Find people').fill(bob.name);
  await page.getByRole('button', { name: `Message ${bob.name}` }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Under the policy');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText('Under the policy')).toBeVisible();
  await bob.page.goto('/chat');
  await bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(account.name) })
    .click();
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('Received');
  await bob.page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText('Received')).toBeVisible();

  // The stylesheet Next inlines applied: the composer's button is styled, not bare.
  const send = page.getByRole('button', { name: 'Send' });
  expect(await send.evaluate((el) => getComputedStyle(el).borderRadius)).not.toBe('0px');

  // The service worker registers, then serves the next load of the chat screen.
  await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await page.goto('/api-docs');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
  expect(bobViolations).toEqual([]);
});
