// Mentions: Ann mentions Bob in their group with the "@" picker (keyboard
// only); Bob's chat list shows the "mentioned" badge live, and opening the
// chat shows the mention highlighted and clears the badge.
import { expect, openChat, test, tokenByApi } from './fixtures';

test('mention someone in a group and see their badge in the other browser', async ({ people }) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  const token = (await tokenByApi(ann.page.request, ann)).token;
  const res = await ann.page.request.post('/api/v1/chat/sessions', {
    headers: { authorization: `Bearer ${token}` },
    data: { type: 'GROUP', name: 'Crag crew', participantIds: [bob.id] },
  });
  expect(res.status(), await res.text()).toBe(201);

  await bob.page.goto('/chat');
  const bobList = bob.page.getByRole('navigation', { name: 'Chats' });
  await expect(bobList.getByRole('button', { name: /Crag crew/ })).toBeVisible();

  await openChat(ann.page, 'Crag crew');
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  // Both names start with "Ada": the part after it picks Bob.
  const part = bob.name.split(' ')[1] ?? bob.name;
  await box.pressSequentially(`Hi @${part.slice(0, 4)}`);
  const picker = ann.page.getByRole('listbox', { name: 'Mention someone' });
  await expect(picker.getByRole('option', { name: bob.name })).toBeVisible();
  await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
  // Escape closes it; typing on in the same "@" does not reopen it.
  await box.press('Escape');
  await expect(picker).toHaveCount(0);
  await box.press('Backspace');
  await box.press('Backspace');
  await box.press('Backspace');
  await box.press('Backspace');
  await box.press('Backspace');
  await box.pressSequentially('@');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(box).toHaveValue(`Hi @${bob.name} `);
  await box.pressSequentially('are you in?');
  await box.press('Enter');
  const sent = ann.page.locator('[data-message-id]').filter({ hasText: 'are you in?' });
  await expect(sent.locator('[data-mention]')).toHaveText(`@${bob.name}`);

  // Bob's list: unread and mentioned, live.
  await expect(bobList.getByRole('img', { name: '1 mention of you' })).toBeVisible();
  await expect(bobList.getByLabel(/^\d+ unread$/)).toBeVisible();
  // Opening the chat shows the mention marked as his, and clears the badge.
  await bobList.getByRole('button', { name: /Crag crew/ }).click();
  await expect(bob.page.locator('mark[data-mention="me"]')).toHaveText(`@${bob.name}`);
  await expect(bobList.getByRole('img', { name: /mention/ })).toHaveCount(0);
});
