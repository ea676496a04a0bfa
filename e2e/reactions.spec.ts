// Reactions: a keyboard-only reaction from the quick row and from the full
// picker's search, seen live in the other browser with who reacted, and
// taken back from its chip.
import { directChatByApi, expect, openChat, sendByApi, test, tokenByApi } from './fixtures';

test.describe.configure({ timeout: 90_000 });

test('react with the keyboard only; the other browser sees it live, with who reacted', async ({
  people,
  request,
}) => {
  const [ann, bob] = await people(2);
  const [annApi, bobApi] = [await tokenByApi(request, ann), await tokenByApi(request, bob)];
  const chatId = await directChatByApi(request, bobApi, annApi);
  await sendByApi(request, bobApi, chatId, 'Picnic on Sunday?');
  await openChat(ann.page, bob.name);
  await openChat(bob.page, ann.name);
  const log = (page: typeof ann.page) => page.getByRole('log');
  await expect(log(ann.page).getByText('Picnic on Sunday?')).toBeVisible();

  // From the composer, back into the newest message: its menu, then "Add reaction".
  await ann.page.getByRole('textbox', { name: 'Message' }).focus();
  await ann.page.keyboard.press('Shift+Tab');
  await expect(ann.page.getByRole('button', { name: 'Message actions' })).toBeFocused();
  await ann.page.keyboard.press('Shift+Tab');
  const add = ann.page.getByRole('button', { name: 'Add reaction' });
  await expect(add).toBeFocused();

  // The quick row: the first is focused, arrows move, Escape closes and gives focus back.
  await ann.page.keyboard.press('Enter');
  const dialog = ann.page.getByRole('dialog', { name: 'React to message' });
  await expect(dialog.getByRole('toolbar', { name: 'Quick reactions' }).getByRole('button')).toHaveCount(7);
  await expect(dialog.getByRole('button', { name: 'React with 👍 thumbs up' })).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('button', { name: 'React with ❤️ red heart' })).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();

  const heartForAnn = log(ann.page).getByRole('button', { name: /^❤️ 1: you\. Remove your reaction$/ });
  await expect(heartForAnn).toHaveAttribute('aria-pressed', 'true');
  // Bob's browser: live, with Ann's name, on hover and on focus.
  const heartForBob = log(bob.page).getByRole('button', { name: `❤️ 1: ${ann.name}. React with it too` });
  await expect(heartForBob).toHaveAttribute('aria-pressed', 'false');
  await heartForBob.hover();
  await expect(bob.page.getByRole('tooltip')).toHaveText(`${ann.name} reacted with ❤️`);

  // The full picker: End reaches "More reactions…", the search box takes the focus, Enter picks.
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.press('End');
  await expect(dialog.getByRole('button', { name: 'More reactions…' })).toBeFocused();
  await ann.page.keyboard.press('Enter');
  const search = dialog.getByRole('combobox', { name: 'Search emoji' });
  await expect(search).toBeFocused();
  await ann.page.keyboard.type('pizza');
  await expect(dialog.getByRole('option', { name: 'React with 🍕 pizza' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await ann.page.keyboard.type('zzz');
  await expect(dialog.getByText('No emoji match “pizzazzz”')).toBeVisible();
  for (let i = 0; i < 3; i++) await ann.page.keyboard.press('Backspace');
  await ann.page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(add).toBeFocused();
  await expect(
    log(bob.page).getByRole('button', { name: `🍕 1: ${ann.name}. React with it too` }),
  ).toBeVisible();
  // Bob's chat list says so.
  await expect(bob.page.getByRole('navigation', { name: 'Chats' })).toContainText(
    `${ann.name} reacted 🍕 to “Picnic on Sunday?”`,
  );

  // Taken back from its chip, by keyboard: past the message's menu, Tab reaches the chips.
  await ann.page.keyboard.press('Tab');
  await expect(ann.page.getByRole('button', { name: 'Message actions' })).toBeFocused();
  await ann.page.keyboard.press('Tab');
  await expect(heartForAnn).toBeFocused();
  await expect(ann.page.getByRole('tooltip')).toHaveText('you reacted with ❤️');
  await ann.page.keyboard.press('Enter');
  await expect(heartForAnn).toHaveCount(0);
  await expect(heartForBob).toHaveCount(0);
  await expect(log(bob.page).getByRole('button', { name: /^🍕 1/ })).toBeVisible();
});
