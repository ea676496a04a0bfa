// Deleting one's account from the profile settings: the password is asked
// for, the person is signed out and told what happens next, and the other
// person of their chat sees "Deleted account" once it is erased (the
// journey's server erases at once: ACCOUNT_DELETION_GRACE_DAYS=0).
import { directChatByApi, expect, openChat, sendByApi, test, tokenByApi } from './fixtures';

test.describe.configure({ timeout: 90_000 });

test('delete the account from settings: signed out, and the other person sees "Deleted account"', async ({
  people,
  request,
}) => {
  const [ann, bob] = await people(2);
  const [annApi, bobApi] = [await tokenByApi(request, ann), await tokenByApi(request, bob)];
  const chatId = await directChatByApi(request, bobApi, annApi);
  await sendByApi(request, annApi, chatId, 'A message Ann takes with her');
  await openChat(bob.page, ann.name);
  await expect(bob.page.getByRole('log').getByText('A message Ann takes with her')).toBeVisible();

  await ann.page.goto('/settings/profile');
  await ann.page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Delete your account?' });
  // The dialog opens on the password; nothing is deleted until it is given.
  await expect(dialog.getByLabel('Password')).toBeFocused();
  // A wrong password is refused in the dialog, and nothing happens.
  await dialog.getByLabel('Password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'The password is incorrect. Your account was not deleted.',
  );
  await dialog.getByLabel('Password').fill(ann.password);
  await dialog.getByRole('button', { name: 'Delete my account' }).click();

  await expect(ann.page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(ann.page.getByRole('status')).toContainText('Your account has been deleted');
  await ann.page.goto('/chat');
  await expect(ann.page).toHaveURL(/\/sign-in/);

  // Bob's chat now names a deleted account, and Ann's message has nothing left in it.
  await expect(async () => {
    await bob.page.goto('/chat');
    await expect(
      bob.page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: /Deleted account/ }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await openChat(bob.page, 'Deleted account');
  await expect(bob.page.getByRole('heading', { level: 2, name: 'Deleted account' })).toBeVisible();
  await expect(bob.page.getByRole('log').getByText('A message Ann takes with her')).toHaveCount(0);
  // Her old password opens nothing any more.
  const again = await request.post('/api/v1/auth/token', {
    data: { email: ann.email, password: ann.password },
  });
  expect(again.status()).toBe(401);
});
