// Ending (unmatching) a direct chat and reporting: the other person sees only
// that the chat ended and can still report from it; a message's menu reports
// that message with a category, and the reporter is told it was received.
import { expect, openChat, openDirect, test } from './fixtures';

test('a person ends a chat from its header; the other sees it ended, live, and reports from the closed chat', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Nice to meet you');
  await ann.page.keyboard.press('Enter');
  await openChat(bob.page, ann.name);
  await expect(bob.page.getByRole('log').getByText('Nice to meet you')).toBeVisible();

  ann.page.once('dialog', (dialog) => void dialog.accept());
  await ann.page.getByRole('button', { name: 'More chat actions' }).click();
  await ann.page.getByRole('menuitem', { name: 'End chat…' }).click();
  await expect(ann.page.getByRole('status').filter({ hasText: 'This chat has ended.' })).toBeVisible();
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

  // Bob sees it end without reloading, in the same words, and the history stays.
  await expect(bob.page.getByRole('status').filter({ hasText: 'This chat has ended.' })).toBeVisible();
  await expect(bob.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(bob.page.getByRole('log').getByText('Nice to meet you')).toBeVisible();
  await expect(
    bob.page.getByRole('navigation', { name: 'Chats' }).getByText('This chat has ended'),
  ).toBeVisible();

  await bob.page.getByRole('status').getByRole('button', { name: 'Report' }).click();
  const dialog = bob.page.getByRole('dialog', { name: `Report ${ann.name}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose what is wrong.');
  await dialog.getByRole('radio', { name: 'Harassment or bullying' }).check();
  await dialog.getByLabel(/Anything else/).fill('Ended the chat right after insulting me.');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByText(/will review your report within 24 hours/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
});

test("a message's menu reports it with a category; the reporter hears the report was received", async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(bob.page, ann.name);
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('Send me money or else');
  await bob.page.keyboard.press('Enter');
  await openChat(ann.page, bob.name);
  const log = ann.page.getByRole('log');
  await expect(log.getByText('Send me money or else')).toBeVisible();

  await log.getByRole('button', { name: 'Message actions' }).first().click();
  await ann.page.getByRole('menuitem', { name: 'Report…' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Report this message' });
  await dialog.getByRole('radio', { name: 'Scam or fraud' }).check();
  await dialog.getByRole('checkbox', { name: `Also block ${bob.name}` }).check();
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByText(new RegExp(`You also blocked ${bob.name}`))).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Blocked as asked, and the platform's confirmation arrives live.
  await expect(ann.page.getByRole('button', { name: 'Unblock' })).toBeVisible();
  await expect(ann.page.getByRole('region', { name: 'Messages from the moderators' })).toContainText(
    'Report received',
  );
});
