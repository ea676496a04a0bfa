// Word filters in the web app: a flagged word asks the sender "Are you
// sure?" before it goes, and its receiver gets "Does this bother you?" with
// a one-tap Report; a blocked word is refused and the draft kept; a word
// someone hid collapses the messages that contain it, for them only.
import type { APIRequestContext } from '@playwright/test';
import { ADMIN_EMAIL } from './admin';
import { expect, openChat, openDirect, test } from './fixtures';

/** The run's platform admin (ADMIN_EMAILS in playwright.config.ts): signed up once, then signed in. */
async function adminToken(request: APIRequestContext): Promise<string> {
  const credentials = { email: ADMIN_EMAIL, password: 'e2e admin passphrase', name: 'Admin' };
  const signUp = await request.post('/api/v1/auth/register', { data: credentials });
  if (signUp.status() === 201) return ((await signUp.json()) as { token: string }).token;
  const signIn = await request.post('/api/v1/auth/token', { data: credentials });
  expect(signIn.status(), await signIn.text()).toBe(200);
  return ((await signIn.json()) as { token: string }).token;
}

test('a flagged word asks "Are you sure?"; sent anyway, its receiver is asked "Does this bother you?" with Report', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });

  // Edit (Escape) takes the words back to the box, unsent.
  await box.fill('what the f4ck');
  await box.press('Enter');
  const question = ann.page.getByRole('group', { name: /^Are you sure\? “f4ck” may be hurtful/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Edit' })).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(box).toHaveValue('what the f4ck');
  await expect(box).toBeFocused();
  await expect(ann.page.getByRole('log').getByText('what the f4ck')).toHaveCount(0);

  await box.press('Enter');
  await question.getByRole('button', { name: 'Send anyway' }).click();
  await expect(ann.page.getByRole('log').getByText('what the f4ck')).toBeVisible();
  await expect(box).toHaveValue('');
  // The sender is not asked whether their own message bothers them.
  await expect(ann.page.getByText('Does this bother you?')).toHaveCount(0);

  await openChat(bob.page, ann.name);
  const log = bob.page.getByRole('log');
  await expect(log.getByText('what the f4ck')).toBeVisible();
  await expect(log.getByText('Does this bother you?')).toBeVisible();
  await log.getByRole('button', { name: 'Report this message' }).click();
  await expect(bob.page.getByRole('dialog', { name: 'Report this message' })).toBeVisible();
});

test('an edit that adds a flagged word asks first: Edit takes it back to the box, Send anyway changes it', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  const log = ann.page.getByRole('log');
  await box.fill('a clean message');
  await box.press('Enter');
  await expect(log.getByText('a clean message')).toBeVisible();

  await ann.page.getByRole('button', { name: 'Message actions' }).click();
  await ann.page.getByRole('menuitem', { name: /^Edit \(\d+ min left\)$/ }).click();
  await box.fill('a f4cking message');
  await box.press('Enter');
  const question = ann.page.getByRole('group', { name: /^Are you sure\? “f4ck” may be hurtful/ });
  await expect(question).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(box).toHaveValue('a f4cking message');
  await expect(log.getByText('a clean message')).toBeVisible();

  await box.press('Enter');
  await question.getByRole('button', { name: 'Send anyway' }).click();
  await expect(log.getByText('a f4cking message')).toBeVisible();
  await expect(log.getByText('edited')).toBeVisible();
  await expect(log.getByText('a clean message')).toHaveCount(0);
});

test('a blocked word is refused with the reason, and the draft stays', async ({ people, request }) => {
  const token = await adminToken(request);
  const added = await request.post('/api/v1/admin/words', {
    headers: { authorization: `Bearer ${token}` },
    data: { word: 'zorblax', action: 'block' },
  });
  // 409: a server reused from an earlier run has it already.
  expect([201, 409], await added.text()).toContain(added.status());

  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('you absolute z0rblax');
  await box.press('Enter');
  await expect(
    ann.page.getByText('This message contains a word that is not allowed here: “z0rblax”.', { exact: false }),
  ).toBeVisible();
  await expect(box).toHaveValue('you absolute z0rblax');
  await expect(ann.page.getByRole('log').getByText('you absolute z0rblax')).toHaveCount(0);
});

test('a hidden word collapses incoming messages that contain it, for the person who hid it', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);

  await bob.page.goto('/chat');
  await bob.page.getByRole('button', { name: 'Settings' }).click();
  await bob.page.getByRole('menuitem', { name: 'Hidden words…' }).click();
  const dialog = bob.page.getByRole('dialog', { name: 'Hidden words' });
  await dialog.getByLabel('Word or phrase to hide').fill('Pineapple');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByRole('list', { name: 'Your hidden words' })).toContainText('pineapple');
  await expect(dialog.getByRole('status')).toHaveText('Messages with “pineapple” will be hidden.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('Pineapple on pizza tonight?');
  await box.press('Enter');
  await box.fill('Or pasta');
  await box.press('Enter');
  await expect(ann.page.getByRole('log').getByText('Pineapple on pizza tonight?')).toBeVisible();

  await openChat(bob.page, ann.name);
  const log = bob.page.getByRole('log');
  await expect(log.getByText('Or pasta')).toBeVisible();
  const collapsed = log.getByRole('button', { name: /Hidden because it contains a word you hid/ });
  await expect(collapsed).toBeVisible();
  await expect(log.getByText('Pineapple on pizza tonight?')).toHaveCount(0);
  await collapsed.click();
  await expect(log.getByText('Pineapple on pizza tonight?')).toBeVisible();
});
