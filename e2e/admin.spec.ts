// The moderation console: an admin decides a report from its frozen
// evidence, and the suspended person's open app loses its connection; people
// without the role find nothing at /admin; axe finds nothing wrong with it.
import { createRequire } from 'node:module';
import type { APIRequestContext, Browser, BrowserContextOptions, Page } from '@playwright/test';
import { ADMIN_CREDENTIALS as e2eAdmin } from './admin';
import { directChatByApi, expect, registerByApi, sendByApi, signInByApi, test } from './fixtures';

/** The admin signed in, in a browser context of its own; the caller closes it. */
async function signedInAdmin(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // Tests in parallel, or a reused server, may have registered the account already.
  const res = await page.request.post('/api/v1/auth/register', { data: e2eAdmin });
  expect([201, 409], await res.text()).toContain(res.status());
  await signInByApi(page, e2eAdmin);
  return { page, context };
}

/** Two people in a direct chat, and a report filed by `reporter` over the API about two of `reported`'s messages. */
async function seedReport(request: APIRequestContext, category = 'threat_of_harm') {
  const reporter = await registerByApi(request);
  const reported = await registerByApi(request);
  const chatId = await directChatByApi(request, reporter, reported);
  await sendByApi(request, reporter, chatId, 'Hi, nice to match with you');
  const threat = await sendByApi(request, reported, chatId, 'You will regret this <b>tonight</b>');
  await sendByApi(request, reporter, chatId, 'Please stop.');
  const again = await sendByApi(request, reported, chatId, 'I know where you live');
  const res = await request.post('/api/v1/reports', {
    headers: { authorization: `Bearer ${reporter.token}` },
    data: {
      userId: reported.user.id,
      chatId,
      messageIds: [threat.id, again.id],
      category,
      note: 'He keeps threatening me.',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { report } = (await res.json()) as { report: { id: string } };
  return { reporter, reported, chatId, reportId: report.id };
}

test('an admin suspends a reported person from the evidence; their open chat drops its connection and sign-in says why', async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const { reporter, reported, chatId, reportId } = await seedReport(request);

  // The reported person has the chat open, live.
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await signInByApi(them, reported);
  await them.goto(`/chat?c=${chatId}`);
  await expect(them.getByRole('log').getByText('I know where you live')).toBeVisible();
  await expect(them.getByText('Reconnecting…')).toHaveCount(0);

  const { page, context } = await signedInAdmin(browser);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  const row = page.locator(`#report-row-${reportId}`);
  await expect(row).toContainText('Urgent: Threat of harm');
  await expect(row).toContainText(reported.name);
  await expect(row).toContainText(`Reported by ${reporter.name}`);
  await expect(row).toContainText('2 of 4 messages reported');
  await row.click();

  await expect(page.getByRole('heading', { level: 2, name: `Report about ${reported.name}` })).toBeFocused();
  const transcript = page.getByRole('list', { name: 'Evidence transcript' });
  // User text is text: the markup shows as typed and makes no element.
  await expect(transcript.getByText('You will regret this <b>tonight</b>')).toBeVisible();
  await expect(transcript.locator('b')).toHaveCount(0);
  await expect(transcript.getByRole('listitem')).toHaveCount(4);
  await expect(transcript.getByRole('listitem').filter({ hasText: /Reported/ })).toHaveCount(2);
  await expect(page.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
  await expect(page.getByText('He keeps threatening me.')).toBeVisible();

  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('radio', { name: /^Suspend/ }).check();
  await decision.getByRole('button', { name: 'Suspend ' + reported.name }).click();
  // Nothing is sent without until and a reason.
  await expect(decision.getByText('Choose until when.')).toBeVisible();
  await expect(decision.getByText(/Give a reason/)).toBeVisible();
  await decision.getByRole('button', { name: '7 days' }).click();
  await decision.getByLabel('Reason').fill('Threats in chat');
  await decision.getByRole('button', { name: 'Suspend ' + reported.name }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /^Suspended until .*, decided by you/ }),
  ).toBeFocused();

  // Their socket is closed by the server: the app finds their session ended and goes to sign-in by itself.
  await expect(them).toHaveURL(/\/sign-in$/);
  await expect(
    them
      .getByRole('alert')
      .filter({ hasText: /This account is suspended until .*\. Reason: Threats in chat/ }),
  ).toBeVisible();

  // The queue moves on; the filter's tabs follow the arrow keys; the audit log says who did what, to whom and why.
  await expect(row).toHaveCount(0);
  await page.getByRole('tab', { name: 'Open' }).focus();
  await page.keyboard.press('End');
  const all = page.getByRole('tab', { name: 'All' });
  await expect(all).toBeFocused();
  await expect(all).toHaveAttribute('aria-selected', 'true');
  await expect(row).toContainText('Suspended');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Audit entries' })
      .getByRole('listitem')
      .filter({ hasText: 'Why: Threats in chat' }),
  ).toContainText(e2eAdmin.name);
  await Promise.all([theirs.close(), context.close()]);
});

test('on a phone: a ban asks once more and Escape backs out; a mute is given, then lifted', async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  const { reported, reportId } = await seedReport(request, 'spam');
  const { page, context } = await signedInAdmin(browser, { viewport: { width: 375, height: 740 } });
  await page.goto(`/admin?report=${reportId}`);
  // On a phone the report replaces the queue, with a way back.
  const title = page.getByRole('heading', { level: 2, name: `Report about ${reported.name}` });
  await expect(title).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeHidden();
  const decision = page.getByRole('form', { name: 'Decision' });
  await decision.getByRole('radio', { name: /^Ban/ }).check();
  await decision.getByLabel('Reason').fill('Spam bot');
  await decision.getByRole('button', { name: `Ban ${reported.name}` }).press('Enter');
  const confirm = page.getByRole('dialog', { name: `Ban ${reported.name}?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await page.getByRole('button', { name: '← Back to reports' }).click();
  const row = page.locator(`#report-row-${reportId}`);
  await expect(row).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(title).toBeFocused();

  await decision.getByRole('radio', { name: /^Mute/ }).check();
  await decision.getByRole('button', { name: '24 hours' }).click();
  await decision.getByLabel('Reason').fill('Spam links');
  await decision.getByRole('button', { name: `Mute ${reported.name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Muted until .*, decided by you/ })).toBeFocused();
  const history = page.getByRole('region', { name: `History of ${reported.name}` });
  await expect(history).toContainText('Muted until');
  await expect(history).toContainText('Reason given: Spam links');
  await history.getByLabel('Reason for lifting').fill('Appeal accepted');
  await history.getByRole('button', { name: `Lift sanctions on ${reported.name}` }).click();
  await expect(history).toContainText('None in force.');
  await context.close();
});

test('an admin adds a word that then blocks sends, and removes it', async ({ browser, request }) => {
  const word = `zorblax${Math.random().toString(36).slice(2, 8).replace(/\d/g, 'q')}`;
  const sender = await registerByApi(request);
  const other = await registerByApi(request);
  const chatId = await directChatByApi(request, sender, other);
  const { page, context } = await signedInAdmin(browser);
  await page.goto('/admin/words');
  await page.getByLabel('Word', { exact: true }).fill(word);
  await page.getByLabel('What it does').selectOption('block');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Added “${word}”.` })).toBeVisible();
  await expect(page.getByLabel('Word', { exact: true })).toBeFocused();
  const entry = page.getByRole('list', { name: 'Words' }).getByRole('listitem').filter({ hasText: word });
  await expect(entry).toContainText('Blocked');

  const refused = await request.post(`/api/v1/chat/sessions/${chatId}/messages`, {
    headers: { authorization: `Bearer ${sender.token}` },
    data: { content: `so ${word} today` },
  });
  expect(refused.status()).toBe(422);

  await entry.getByRole('button', { name: `Remove ${word}` }).click();
  await expect(entry).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `Removed “${word}”.` })).toBeVisible();
  await sendByApi(request, sender, chatId, `so ${word} today`);
  await context.close();
});

test('an admin makes someone a moderator, who then finds the console but not People, and revokes it', async ({
  browser,
  people,
}) => {
  test.setTimeout(60_000);
  const [mod] = await people(1);
  const { page, context } = await signedInAdmin(browser);
  await page.goto('/admin/people');
  await page.getByLabel('Find a person by name').fill(mod.name);
  await page.getByRole('button', { name: `Make ${mod.name} a moderator` }).click();
  await expect(page.getByRole('status').filter({ hasText: `${mod.name} is now a moderator.` })).toBeVisible();
  const member = page
    .getByRole('region', { name: 'Moderators and admins' })
    .getByRole('listitem')
    .filter({ hasText: mod.email });
  await expect(member).toContainText('Moderator');

  await mod.page.goto('/chat');
  await mod.page.getByRole('link', { name: 'Moderation' }).click();
  await expect(mod.page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(mod.page.getByRole('link', { name: 'People' })).toHaveCount(0);
  expect((await mod.page.request.get('/admin/people')).status()).toBe(404);

  await member.getByRole('button', { name: `Revoke moderator role of ${mod.name}` }).click();
  await expect(member).toHaveCount(0);
  expect((await mod.page.request.get('/admin')).status()).toBe(404);
  await context.close();
});

test('an admin sees the analytics charts by day and by week, each with a table; everyone else a 404', async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  // Five people use the app today: with the admin, enough for today's bar to show.
  for (let i = 0; i < 5; i++) {
    const person = await registerByApi(request);
    const me = await request.get('/api/v1/users/me', {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(me.status()).toBe(200);
  }
  const { page, context } = await signedInAdmin(browser);
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  const daily = page.getByRole('figure', { name: 'Daily active people' });
  await expect(daily.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await daily.getByText('Show as a table').click();
  const today = new Date().toISOString().slice(0, 10);
  const cell = daily.getByRole('row').filter({ hasText: today }).getByRole('cell').nth(1);
  await expect(cell).toHaveText(/^\d+ people$/);
  expect(parseInt((await cell.textContent()) ?? '', 10)).toBeGreaterThanOrEqual(6);

  await page.getByLabel('Per', { exact: true }).selectOption('week');
  for (const title of ['Weekly active people', 'Messages', 'New chats', 'Send latency, p95']) {
    await expect(page.getByRole('figure', { name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  const messages = page.getByRole('figure', { name: 'Messages', exact: true });
  await expect(
    messages.getByText('No data in this range.').or(messages.getByText('Show as a table')),
  ).toBeVisible();
  await context.close();

  const person = await registerByApi(request);
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await signInByApi(them, person);
  expect((await them.request.get('/admin/analytics')).status()).toBe(404);
  expect((await them.request.get('/api/v1/admin/analytics?metric=messages')).status()).toBe(404);
  await theirs.close();
});

test('the console is a 404 for people without the role, signed out or in', async ({ page, request }) => {
  expect((await request.get('/admin')).status()).toBe(404);
  const person = await registerByApi(request);
  await signInByApi(page, person);
  const res = await page.goto('/admin');
  expect(res?.status()).toBe(404);
  await expect(page.getByText('This page could not be found.')).toBeVisible();
  expect((await page.request.get('/admin/people')).status()).toBe(404);
  await page.goto('/chat');
  await expect(page.getByRole('heading', { name: 'Chats' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Moderation' })).toHaveCount(0);
});

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the console passes axe in ${colorScheme}`, async ({ browser, request }) => {
    test.setTimeout(90_000);
    const { reportId } = await seedReport(request);
    const { page, context } = await signedInAdmin(browser, { colorScheme });
    await page.goto('/chat');
    await page.getByRole('link', { name: 'Moderation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await page.locator(`#report-row-${reportId}`).click();
    const decision = page.getByRole('form', { name: 'Decision' });
    await decision.getByRole('radio', { name: /^Mute/ }).check();
    await decision.getByRole('button', { name: /^Mute / }).click();
    await expect(decision.getByText('Choose until when.')).toBeVisible();
    expect(await axeViolations(page), 'report queue and decision form').toEqual([]);
    for (const [view, heading] of [
      ['Audit log', 'Audit log'],
      ['Word list', 'Word list'],
      ['People', 'People'],
      ['Analytics', 'Analytics'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: view }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
      expect(await axeViolations(page), view).toEqual([]);
    }
    await context.close();
  });
}
