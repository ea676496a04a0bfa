// Profiles: Ann edits hers; Bob opens her card from their direct chat's
// header and from their group's member list, with the chats they share.
import { expect, openChat, test, tokenByApi } from './fixtures';

test('edit your profile and open someone’s card', async ({ people }) => {
  test.setTimeout(90_000);
  const [ann, bob] = await people(2);
  const token = (await tokenByApi(ann.page.request, ann)).token;
  const headers = { authorization: `Bearer ${token}` };
  for (const data of [
    { type: 'DIRECT', targetUserId: bob.id },
    { type: 'GROUP', name: 'Book club', participantIds: [bob.id] },
  ]) {
    const res = await ann.page.request.post('/api/v1/chat/sessions', { headers, data });
    expect(res.status(), await res.text()).toBe(201);
  }

  // Ann's profile page, reached from the chat list's menu.
  await ann.page.goto('/chat');
  await ann.page.getByRole('button', { name: 'Settings' }).click();
  await ann.page.getByRole('menuitem', { name: 'Profile…' }).click();
  await expect(ann.page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
  await ann.page.getByLabel('Pronouns').fill('she/her');
  const bio = '<b>Climber</b> & baker.';
  await ann.page.getByLabel('Bio').fill(bio);
  await expect(ann.page.getByText(`${bio.length} / 160`)).toBeVisible();
  await ann.page.getByLabel('Bio').fill('x'.repeat(161));
  await expect(ann.page.getByRole('button', { name: 'Save profile' })).toBeDisabled();
  await ann.page.getByLabel('Bio').fill(bio);
  await ann.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(ann.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // Bob opens her card from their direct chat's header: her bio is text, not markup.
  // Anchored: the group's preview also starts with her name.
  await openChat(bob.page, `^${ann.name}`);
  await bob.page.getByRole('button', { name: `View ${ann.name}’s profile` }).click();
  const card = bob.page.getByRole('dialog', { name: ann.name });
  await expect(card).toContainText('she/her');
  await expect(card).toContainText(bio);
  await expect(card.locator('b')).toHaveCount(0);
  const shared = card.getByRole('list', { name: 'Chats you share' });
  await expect(shared.getByRole('button')).toHaveCount(2);
  await expect(shared.getByRole('button', { name: /Book club/ })).toBeVisible();
  // A shared chat opens from the card.
  await shared.getByRole('button', { name: /Book club/ }).click();
  await expect(bob.page.getByRole('heading', { level: 2, name: 'Book club' })).toBeVisible();

  // And from the group's member list.
  await bob.page.getByRole('button', { name: 'Group info' }).click();
  await bob.page
    .getByRole('list', { name: 'Members' })
    .getByRole('button', { name: `View ${ann.name}’s profile` })
    .click();
  await expect(bob.page.getByRole('dialog', { name: ann.name })).toContainText('she/her');
  await bob.page.keyboard.press('Escape');
  await expect(bob.page.getByRole('dialog')).toHaveCount(0);
});
