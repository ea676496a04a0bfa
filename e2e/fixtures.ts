// Accounts for journeys: a fresh identity per test, and a shortcut that
// registers and signs in over HTTP when the UI steps are not what is tested.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test as base, type Browser, type Page } from '@playwright/test';

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

export const screenshotDir = path.join(import.meta.dirname, 'artifacts', 'screenshots');

/** A unique identity for this run; nothing is created on the server. */
export function newCredentials(): Credentials {
  const id = randomUUID().slice(0, 8);
  return { name: `Ada ${id}`, email: `ada-${id}@example.com`, password: `correct horse ${id}` };
}

/** Creates the account with the public API, as a second client would. */
async function register(page: Page, credentials: Credentials): Promise<void> {
  const res = await page.request.post('/api/v1/auth/register', { data: credentials });
  expect(res.status(), await res.text()).toBe(201);
}

/** Signs the page's browser context in through next-auth, without the form. */
export async function signInByApi(page: Page, { email, password }: Credentials): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

/** A new account signed in, in a browser context of its own (for journeys with several people). */
export async function signedInPerson(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const credentials = newCredentials();
  const res = await page.request.post('/api/v1/auth/register', { data: credentials });
  expect(res.status()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string } };
  await signInByApi(page, credentials);
  return { page, context, ...credentials, id: user.id };
}

/**
 * Collects the page's Content-Security-Policy violations. A wrong policy
 * fails silently: the HTML shows, but blocked scripts never hydrate it and
 * blocked styles leave it bare. Chromium logs each refusal to the console;
 * the event is forwarded there too, for refusals it does not log.
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

export const test = base.extend<{ credentials: Credentials; account: Credentials }>({
  credentials: async ({}, use) => {
    await use(newCredentials());
  },
  account: async ({ page, credentials }, use) => {
    await register(page, credentials);
    await use(credentials);
  },
});

export { expect };
