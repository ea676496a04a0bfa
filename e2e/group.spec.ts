// Three people form a group and use roles: only the actions a role allows are offered.
import { expect, test } from './fixtures';

test('three people form a group; the admin promotes, the moderator removes a member', async ({ people }) => {
  test.setTimeout(90_000);
  const [ann, bob, cara] = await people(3);
  for (const p of [ann, bob, cara]) await p.page.goto('/chat');

  await ann.page.getByRole('button', { name: 'New chat' }).click();
  for (const other of [bob, cara]) {
    await ann.page.getByLabel('Find people').fill(other.name);
    await ann.page.getByRole('listitem').filter({ hasText: other.name }).getByLabel('Group').check();
  }
  await ann.page.getByLabel('Group name').fill('Book club');
  await ann.page.getByRole('button', { name: 'Create group' }).click();
  await expect(ann.page.getByRole('heading', { level: 2, name: 'Book club' })).toBeVisible();

  await ann.page.getByRole('button', { name: 'Group info' }).click();
  const members = ann.page.getByRole('list', { name: 'Members' });
  await expect(members.getByRole('listitem')).toHaveCount(3);
  await ann.page.getByLabel(`Role of ${bob.name}`).selectOption('MODERATOR');
  await expect(members.getByRole('listitem').filter({ hasText: bob.name })).toContainText('Moderator');

  // Cara, a member, is offered no management at all.
  await cara.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: /Book club/ })
    .click();
  await cara.page.getByRole('button', { name: 'Group info' }).click();
  await expect(cara.page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(cara.page.getByRole('button', { name: 'Rename' })).toHaveCount(0);
  await expect(cara.page.getByRole('button', { name: 'Delete for everyone' })).toHaveCount(0);

  // Bob, a moderator, may remove members but not change roles or delete the group.
  await bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: /Book club/ })
    .click();
  await bob.page.getByRole('button', { name: 'Group info' }).click();
  await expect(bob.page.getByRole('combobox')).toHaveCount(0);
  await expect(bob.page.getByRole('button', { name: 'Delete for everyone' })).toHaveCount(0);
  await expect(bob.page.getByRole('button', { name: `Remove ${ann.name}` })).toHaveCount(0);
  await bob.page.getByRole('button', { name: `Remove ${cara.name}` }).click();

  // Cara loses the group live; the others see the change in the history.
  await expect(
    cara.page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /Book club/ }),
  ).toHaveCount(0);
  await expect(members.getByRole('listitem')).toHaveCount(2);
});
