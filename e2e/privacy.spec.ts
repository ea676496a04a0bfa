// Privacy controls in two browsers: Bob turns read receipts off on the
// privacy settings page, and Ann stops seeing that he reads; the server
// keeps it from her, so a reload shows no more than the live view.
import { expect, openChat, openDirect, test } from './fixtures';

test('turning read receipts off on the privacy page: the other browser stops seeing reads', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  await box.fill('First, with receipts');
  await box.press('Enter');
  await openChat(bob.page, ann.name);
  await expect(bob.page.getByRole('log').getByText('First, with receipts')).toBeVisible();
  await expect(ann.page.locator('[data-tick="read"]')).toHaveCount(1);

  // Bob's privacy settings, from the menu beside "Notifications…".
  await bob.page.getByRole('button', { name: 'Settings' }).click();
  await bob.page.getByRole('menuitem', { name: 'Privacy…' }).click();
  await expect(bob.page.getByRole('heading', { name: 'Privacy' })).toBeVisible();
  const receipts = bob.page.getByRole('checkbox', { name: 'Read receipts' });
  await expect(receipts).toBeChecked();
  await receipts.press('Space');
  await expect(bob.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(receipts).not.toBeChecked();
  // The choices are a keyboard-usable radio group.
  await expect(bob.page.getByRole('group', { name: 'Who sees when I’m online and last seen' })).toBeVisible();
  await bob.page.getByRole('link', { name: 'Back to chats' }).click();

  await openChat(bob.page, ann.name);
  await box.fill('Second, without');
  await box.press('Enter');
  await expect(bob.page.getByRole('log').getByText('Second, without')).toBeVisible();
  // Ann's view: Bob read it, but her new message never turns to read.
  await bob.page.waitForTimeout(1500);
  await expect(ann.page.locator('[data-tick="read"]')).toHaveCount(1);
  // After a reload the server shows her no read of Bob's at all, only that both arrived.
  await ann.page.reload();
  await expect(ann.page.getByRole('log').getByText('Second, without')).toBeVisible();
  await expect(ann.page.locator('[data-tick="delivered"]')).toHaveCount(2);
  await expect(ann.page.locator('[data-tick="read"]')).toHaveCount(0);
});
