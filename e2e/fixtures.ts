// Accounts for journeys: a fresh identity per test, and a shortcut that
// registers and signs in over HTTP when the UI steps are not what is tested.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  expect,
  test as base,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';

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

/** Signs the page's browser context in through next-auth, without the form. */
export async function signInByApi(page: Page, { email, password }: Credentials): Promise<void> {
  const csrf = await page.request.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N ? R : Tuple<N, T, [...R, T]>;

export interface Person extends Credentials {
  id: string;
  page: Page;
  context: BrowserContext;
}

/** A new account signed in, in a browser context of its own (for journeys with several people). */
export async function signedInPerson(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<Person> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const credentials = newCredentials();
  const { user } = await registerByApi(page.request, credentials);
  await signInByApi(page, credentials);
  return { page, context, ...credentials, id: user.id };
}

/** Registers over the API and returns the account with its bearer token (for seeding through the API). */
export async function registerByApi(request: APIRequestContext, credentials = newCredentials()) {
  const res = await request.post('/api/v1/auth/register', { data: credentials });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { user: { id: string }; token: string };
  return { ...credentials, user: body.user, token: body.token };
}

/** A bearer token for someone the fixture signed up, with their id: what the *ByApi helpers take. */
export async function tokenByApi(
  request: APIRequestContext,
  person: Person,
): Promise<{ token: string; user: { id: string } }> {
  const res = await request.post('/api/v1/auth/token', {
    data: { email: person.email, password: person.password },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { token: ((await res.json()) as { token: string }).token, user: { id: person.id } };
}

/** A direct chat from `from` to `to`, opened over the API with `from`'s bearer token. */
export async function directChatByApi(
  request: APIRequestContext,
  from: { token: string },
  to: { user: { id: string } },
) {
  const res = await request.post('/api/v1/chat/sessions', {
    headers: { authorization: `Bearer ${from.token}` },
    data: { type: 'DIRECT', targetUserId: to.user.id },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { chat: { id: string } }).chat.id;
}

/** Sends one message over the API and returns it. */
export async function sendByApi(
  request: APIRequestContext,
  sender: { token: string },
  chatId: string,
  content: string,
  extra: object = {},
) {
  const res = await request.post(`/api/v1/chat/sessions/${chatId}/messages`, {
    headers: { authorization: `Bearer ${sender.token}` },
    data: { content, ...extra },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { message: { id: string } }).message;
}

/** Starts a direct chat with `otherName` the way a person does: New chat, find them, Message. */
export async function openDirect(page: Page, otherName: string): Promise<void> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.getByLabel('Find people').fill(otherName);
  await page.getByRole('button', { name: `Message ${otherName}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: otherName })).toBeVisible();
}

/** Opens the chat named `name` (a person or a group) from the chat list. */
export async function openChat(page: Page, name: string): Promise<void> {
  await page.goto('/chat');
  await page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
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
      console.error(
        `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

export const test = base.extend<{
  credentials: Credentials;
  account: Credentials;
  /** Signed-in people in browser contexts of their own, closed after the test: const [ann, bob] = await people(2). */
  people: <N extends number>(
    count: N,
    options?: { colorScheme?: 'light' | 'dark' },
  ) => Promise<Tuple<N, Person>>;
}>({
  credentials: async ({}, use) => {
    await use(newCredentials());
  },
  account: async ({ page, credentials }, use) => {
    await registerByApi(page.request, credentials);
    await use(credentials);
  },
  people: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async <N extends number>(count: N, options?: { colorScheme?: 'light' | 'dark' }) => {
      const people: Person[] = [];
      for (let i = 0; i < count; i++) {
        const person = await signedInPerson(browser, options);
        contexts.push(person.context);
        people.push(person);
      }
      return people as Tuple<N, Person>;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
