// Blocking from a direct chat's header: the chat ends for both, the blocked
// person is told only that it ended, and unblocking brings the composer back.
import { expect, openChat, openDirect, test } from './fixtures';

test('a person blocks from the chat header; the other sees only that the chat ended; group messages wait behind a tap; unblock restores it', async ({
  people,
}) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Hi Bob');
  await ann.page.keyboard.press('Enter');
  await openChat(bob.page, ann.name);
  await expect(bob.page.getByRole('log').getByText('Hi Bob')).toBeVisible();

  ann.page.once('dialog', (dialog) => void dialog.accept());
  await ann.page.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(ann.page.getByRole('status').filter({ hasText: `You block ${bob.name}` })).toBeVisible();
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(ann.page.getByRole('button', { name: 'Unblock' })).toBeVisible();

  // Bob is not told it was a block: his message fails and the chat has ended.
  await bob.page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
  await bob.page.keyboard.press('Enter');
  await expect(bob.page.getByRole('status').filter({ hasText: 'This chat has ended.' })).toBeVisible();
  await expect(bob.page.getByRole('status').filter({ hasText: /block/i })).toHaveCount(0);
  await expect(ann.page.getByRole('log').getByText('Are you there?')).toHaveCount(0);

  // In a group they share, Bob's messages wait for Ann behind a tap.
  const origin = { origin: new URL(ann.page.url()).origin };
  const created = await ann.page.request.post('/api/v1/chat/sessions', {
    headers: origin,
    data: { type: 'GROUP', name: 'Book club', participantIds: [bob.id] },
  });
  expect(created.status()).toBe(201);
  const { chat } = (await created.json()) as { chat: { id: string } };
  const said = await bob.page.request.post(`/api/v1/chat/sessions/${chat.id}/messages`, {
    headers: origin,
    data: { content: 'Chapter three tonight?' },
  });
  expect(said.status()).toBe(201);
  await openChat(ann.page, 'Book club');
  const hidden = ann.page.getByRole('button', { name: /Message from someone you blocked/ });
  await expect(hidden).toBeVisible();
  await expect(ann.page.getByRole('log').getByText('Chapter three tonight?')).toHaveCount(0);
  await hidden.click();
  await expect(ann.page.getByRole('log').getByText('Chapter three tonight?')).toBeVisible();

  await openChat(ann.page, bob.name);
  await ann.page.getByRole('button', { name: 'Unblock' }).click();
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('Sorry, wrong button');
  await ann.page.keyboard.press('Enter');
  await expect(bob.page.getByRole('log').getByText('Sorry, wrong button')).toBeVisible();
});
