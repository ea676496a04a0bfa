// axe-core on the main screens, light and dark: no serious or critical
// violations. axe runs inside the page (Debian's Chromium, no extra browser).
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { newCredentials, signInByApi } from './fixtures';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`main screens pass axe in ${colorScheme}`, async ({ browser }) => {
    test.setTimeout(240_000); // axe scans twelve screens
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of ['/', '/sign-in', '/sign-up']) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    const ann = newCredentials();
    const bob = newCredentials();
    for (const c of [ann, bob])
      expect((await page.request.post('/api/v1/auth/register', { data: c })).status()).toBe(201);
    await signInByApi(page, ann);
    await page.goto('/chat');
    await expect(page.getByRole('heading', { name: 'Chats' })).toBeVisible();
    expect(await seriousViolations(page), '/chat').toEqual([]);

    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByLabel('Find people').fill(bob.name);
    await expect(page.getByRole('button', { name: `Message ${bob.name}` })).toBeVisible();
    expect(await seriousViolations(page), 'new chat dialog').toEqual([]);
    await page.getByRole('button', { name: `Message ${bob.name}` }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello, accessible world https://example.com');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('log').getByText(/Hello, accessible world/)).toBeVisible();
    expect(await seriousViolations(page), 'thread').toEqual([]);

    await page.getByRole('button', { name: 'Message actions' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await seriousViolations(page), 'message menu').toEqual([]);
    await page.getByRole('menuitem', { name: 'Reply' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('A reply');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /^In reply to You/ })).toBeVisible();
    await page.getByRole('button', { name: 'Message actions' }).first().click();
    await page.getByRole('menuitem', { name: 'Reply' }).click();
    await expect(page.getByText(/^Replying to You/)).toBeVisible();
    expect(await seriousViolations(page), 'reply quote and reply bar').toEqual([]);

    for (const [path, title] of [
      ['/settings/profile', 'Your profile'],
      ['/settings/privacy', 'Privacy'],
      ['/settings/notifications', 'Notifications'],
      ['/settings/data', 'Your data'],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.getByRole('button', { name: 'Download my data' }).click();
    await expect(page.getByRole('list').getByRole('link', { name: 'Download' })).toBeVisible({
      timeout: 30_000,
    });
    expect(await seriousViolations(page), '/settings/data with an export').toEqual([]);
    await context.close();
  });
}

test('the app is installable: manifest with icons, and a service worker', async ({ page }) => {
  const res = await page.request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as {
    display: string;
    start_url: string;
    icons: { sizes: string; purpose: string }[];
  };
  expect(manifest).toMatchObject({ display: 'standalone', start_url: '/chat' });
  for (const size of ['192x192', '512x512']) {
    expect(manifest.icons.some((i) => i.sizes === size && i.purpose === 'any')).toBe(true);
    expect(manifest.icons.some((i) => i.sizes === size && i.purpose === 'maskable')).toBe(true);
  }
  await page.goto('/');
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toMatch(/\/$/);
  await page.goto('/offline');
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
});
