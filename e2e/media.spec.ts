// Photos, files and voice messages between two people in two browsers:
// sent by the file chooser, a paste and the fake microphone; received as a
// placeholder, then the photo, a viewer, a download, a player.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, openChat, openDirect, screenshotDir, test } from './fixtures';
import { cutOffPhoto, photo } from './media-fixtures';

// Uploads, image processing and a voice conversion share two cores with two browsers.
test.describe.configure({ timeout: 120_000 });

const log = (page: Page) => page.getByRole('log');
const tray = (page: Page) => page.getByRole('list', { name: 'Attachments' });

async function attachByChooser(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach photos or files' }).click();
  await (await chooser).setFiles(files);
}

/** What a paste of copied files does: a ClipboardEvent carrying them, on the message box. */
async function paste(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByRole('textbox', { name: 'Message' }).evaluate(
    (box, f) => {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], f.name, { type: f.mimeType }));
      box.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString('base64') },
  );
}

/** What a drop of files from the desktop does: dragover, then drop, carrying them. */
async function drop(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const data = await page.evaluateHandle(
    (f) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([f.text], f.name, { type: f.mimeType }));
      return transfer;
    },
    { name: file.name, mimeType: file.mimeType, text: file.buffer.toString('utf8') },
  );
  const target = page.getByRole('textbox', { name: 'Message' });
  await target.dispatchEvent('dragover', { dataTransfer: data });
  await expect(page.getByText('Drop to attach')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer: data });
}

/** Every message stored (no pending row left). */
async function settled(page: Page) {
  await expect(page.locator('[data-tick="pending"]')).toHaveCount(0);
  await expect(page.locator('[data-tick="failed"]')).toHaveCount(0);
}

test('photos by file chooser and by paste: a placeholder, then the photo, and a full-screen viewer', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);

  await attachByChooser(ann.page, [
    { name: 'beach.jpg', mimeType: 'image/jpeg', buffer: await photo({ gps: true }) },
    { name: 'dunes.jpg', mimeType: 'image/jpeg', buffer: await photo({ width: 600, height: 900 }) },
  ]);
  await expect(tray(ann.page).getByRole('listitem')).toHaveCount(2);
  // The upload answered that the photo carried a position, which the server took out.
  await expect(tray(ann.page).getByText('Location removed from this photo')).toHaveCount(1);
  await expect(tray(ann.page).locator('[data-upload-status="done"]')).toHaveCount(2);
  expect(await seriousViolations(ann.page), 'tray').toEqual([]);
  await ann.page.screenshot({ path: path.join(screenshotDir, 'media-tray.png') });
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('At the beach');
  await ann.page.keyboard.press('Enter');
  await expect(tray(ann.page)).toHaveCount(0);
  const sentGrid = log(ann.page).getByRole('list', { name: '2 photos' });
  await expect(sentGrid).toBeVisible();
  await expect(log(ann.page).getByText('At the beach')).toBeVisible();
  await settled(ann.page);

  await paste(ann.page, {
    name: 'pasted.png',
    mimeType: 'image/png',
    buffer: await photo({ format: 'png' }),
  });
  await expect(tray(ann.page).getByRole('listitem')).toHaveCount(1);
  await ann.page.keyboard.press('Enter');
  await expect(log(ann.page).getByRole('list', { name: 'Photo', exact: true })).toBeVisible();
  await settled(ann.page);
  // The sender sees her own photos from the bytes she picked, at once.
  await expect(log(ann.page).locator('[data-photo-state="loaded"]')).toHaveCount(3);

  // Bob's thumbnails are held back: the placeholders show first, in the photos' shapes.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await bob.page.route(/\/api\/v1\/media\/[^/?]+\?variant=thumbnail/, async (route) => {
    await held;
    await route.continue();
  });
  await openChat(bob.page, ann.name);
  const entry = bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) });
  await expect(entry).toContainText('📷 Photo');
  await expect(log(bob.page).locator('[data-photo-state="placeholder"]')).toHaveCount(3);
  await expect(
    log(bob.page).locator('[data-photo-state="placeholder"] img[src^="data:image/png"]'),
  ).toHaveCount(3);
  release();
  await expect(log(bob.page).locator('[data-photo-state="loaded"]')).toHaveCount(3);
  await expect(log(bob.page).getByText('At the beach')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await bob.page.emulateMedia({ colorScheme });
    expect(await seriousViolations(bob.page), `photos (${colorScheme})`).toEqual([]);
    await bob.page.screenshot({ path: path.join(screenshotDir, `media-photos-${colorScheme}.png`) });
  }

  // The viewer: the original, arrows between the message's photos, Escape closes, focus comes back.
  const first = log(bob.page).getByRole('button', { name: 'Open photo 1 of 2' });
  await first.click();
  const viewer = bob.page.getByRole('dialog', { name: `Photo 1 of 2 from ${ann.name}` });
  await expect(viewer).toBeVisible();
  const original = viewer.locator('img[data-original]');
  await expect(original).toHaveAttribute('src', /^\/api\/v1\/media\/[^/?]+$/);
  await expect.poll(() => original.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await seriousViolations(bob.page), 'viewer').toEqual([]);
  await bob.page.keyboard.press('ArrowRight');
  await expect(bob.page.getByRole('dialog', { name: `Photo 2 of 2 from ${ann.name}` })).toBeVisible();
  await bob.page.screenshot({ path: path.join(screenshotDir, 'media-viewer.png') });
  await bob.page.keyboard.press('Escape');
  await expect(bob.page.getByRole('dialog')).toHaveCount(0);
  await expect(first).toBeFocused();

  // Editing changes the caption only; deleting takes the photos away for both.
  const photos = ann.page.getByRole('log').locator('.group').filter({ hasText: 'At the beach' }).first();
  await photos.getByRole('button', { name: 'Message actions' }).click();
  await ann.page.getByRole('menuitem', { name: /^Edit caption \(\d+ min left\)$/ }).click();
  await ann.page.getByRole('textbox', { name: 'Message' }).fill('At the beach, at dawn');
  await ann.page.keyboard.press('Enter');
  await expect(log(bob.page).getByText('At the beach, at dawn')).toBeVisible();
  await expect(log(bob.page).getByRole('list', { name: '2 photos' })).toBeVisible();
  ann.page.once('dialog', (d) => void d.accept());
  await photos.getByRole('button', { name: 'Message actions' }).click();
  await ann.page.getByRole('menuitem', { name: 'Delete for everyone' }).click();
  await expect(log(bob.page).getByRole('list', { name: '2 photos' })).toHaveCount(0);
  await expect(log(bob.page).getByText('This message was deleted')).toBeVisible();
});

test('a file arrives as a card that downloads; a refused and an oversized file send nothing', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  const notes = Buffer.from('Bring: towel, sun cream, <b>not</b> the cat.\n');
  await drop(ann.page, { name: 'packing list.txt', mimeType: 'text/plain', buffer: notes });
  await expect(tray(ann.page).locator('[data-upload-status="done"]')).toHaveCount(1);
  await ann.page.getByRole('button', { name: 'Send' }).click();
  await settled(ann.page);

  await openChat(bob.page, ann.name);
  const card = log(bob.page).getByRole('link', { name: /^Download packing list\.txt \d+ B · TXT$/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText('TXT');
  expect(await seriousViolations(bob.page), 'file card').toEqual([]);
  await bob.page.screenshot({ path: path.join(screenshotDir, 'media-file.png') });
  const download = bob.page.waitForEvent('download');
  await card.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('packing list.txt');
  expect(readFileSync(await file.path())).toEqual(notes);
  await expect(
    bob.page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(ann.name) }),
  ).toContainText('packing list.txt');

  // A dropped connection fails the upload; Retry sends it again. One held back can be cancelled.
  let drops = 1;
  await ann.page.route('**/api/v1/uploads', (route) =>
    drops-- > 0 ? route.abort('connectionreset') : route.continue(),
  );
  await attachByChooser(ann.page, [
    { name: 'route.txt', mimeType: 'text/plain', buffer: Buffer.from('A road.') },
  ]);
  const failed = tray(ann.page).locator('[data-upload-status="failed"]');
  await expect(failed.getByRole('alert')).toHaveText(/interrupted/);
  await tray(ann.page).getByRole('button', { name: 'Retry route.txt' }).click();
  await expect(tray(ann.page).locator('[data-upload-status="done"]')).toHaveCount(1);
  await tray(ann.page).getByRole('button', { name: 'Remove route.txt' }).click();
  await ann.page.unroute('**/api/v1/uploads');
  await ann.page.route('**/api/v1/uploads', () => {}); // never answered
  await attachByChooser(ann.page, [
    { name: 'slow.txt', mimeType: 'text/plain', buffer: Buffer.from('Slow.') },
  ]);
  await expect(tray(ann.page).getByRole('progressbar', { name: 'Uploading slow.txt' })).toBeVisible();
  await tray(ann.page).getByRole('button', { name: 'Remove slow.txt' }).click();
  await expect(tray(ann.page)).toHaveCount(0);
  await ann.page.unroute('**/api/v1/uploads');

  // A photo cut off half way: the server refuses it, the tray says why, and nothing goes out.
  await attachByChooser(ann.page, [
    { name: 'holiday.jpg', mimeType: 'image/jpeg', buffer: await cutOffPhoto() },
  ]);
  const refused = tray(ann.page).locator('[data-upload-status="failed"]');
  await expect(refused).toBeVisible();
  await expect(refused.getByRole('alert')).toHaveText(/could not be read/);
  await ann.page.keyboard.press('Enter');
  await expect(ann.page.getByText('Retry or remove the files that failed, then send.')).toBeVisible();
  await tray(ann.page).getByRole('button', { name: 'Remove holiday.jpg' }).click();
  await expect(tray(ann.page)).toHaveCount(0);

  // Larger than the server takes: refused before a byte is sent.
  await attachByChooser(ann.page, [
    {
      name: 'huge.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(Math.round(2.2 * 1024 * 1024), 7),
    },
  ]);
  await expect(
    ann.page.getByRole('alert').filter({ hasText: /“huge\.bin” is 2\.2 MB; files can be up to 2 MB\./ }),
  ).toBeVisible();
  await expect(tray(ann.page)).toHaveCount(0);
  await expect(log(ann.page).locator('[data-message-id]')).toHaveCount(1);
  await expect(log(bob.page).locator('[data-message-id]')).toHaveCount(1);
});

test('a voice message recorded from the microphone plays on the other side, and the sender sees Played', async ({
  people,
}) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);

  await ann.page.getByRole('button', { name: 'Record a voice message' }).click();
  const stop = ann.page.getByRole('button', { name: 'Stop recording' });
  await expect(stop).toBeFocused();
  await expect(ann.page.locator('[data-recording-time]')).toHaveText(/^0:0[2-9]$/);
  await ann.page.screenshot({ path: path.join(screenshotDir, 'media-recording.png') });
  await stop.click();
  // Listen before sending: the recording's own player, with its measured length.
  const review = ann.page.getByRole('group', { name: 'Voice recorder' });
  await expect(review.getByRole('group', { name: /^Voice message, 0:\d\d$/ })).toBeVisible();
  expect(await seriousViolations(ann.page), 'recording under review').toEqual([]);
  await ann.page.screenshot({ path: path.join(screenshotDir, 'media-voice-review.png') });
  await review.getByRole('button', { name: 'Send voice message' }).click();
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await settled(ann.page);
  const sent = log(ann.page).getByRole('group', { name: /^Voice message, 0:\d\d$/ });
  await expect(sent).toBeVisible();

  await openChat(bob.page, ann.name);
  await expect(
    bob.page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(ann.name) }),
  ).toContainText(/🎤 Voice message \(0:\d\d\)/);
  const player = log(bob.page).getByRole('group', { name: /^Voice message, 0:\d\d$/ });
  await expect(player.getByRole('slider', { name: 'Position in the voice message' })).toHaveAttribute(
    'aria-valuetext',
    /^0:00 of 0:\d\d$/,
  );
  await player.getByRole('button', { name: 'Playback speed 1×' }).click();
  await expect(player.getByRole('button', { name: 'Playback speed 1.5×' })).toBeVisible();
  await player.getByRole('button', { name: 'Play voice message' }).click();
  await expect(player.getByRole('button', { name: 'Pause voice message' })).toBeVisible();
  // It plays through (at 1.5×) and comes back to the start.
  await expect(player.getByRole('button', { name: 'Play voice message' })).toBeVisible({ timeout: 20_000 });
  await expect(player.getByRole('alert')).toHaveCount(0);
  // Seeking by keyboard on the waveform.
  const slider = player.getByRole('slider');
  await slider.focus();
  await bob.page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', /^(0:\d\d) of \1$/);
  await bob.page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', /^0:00 of /);

  // Ann, in a direct chat, learns it was played.
  await expect(sent.getByText('Played')).toBeVisible();
  expect(await seriousViolations(bob.page), 'voice player').toEqual([]);
  await ann.page.screenshot({ path: path.join(screenshotDir, 'media-voice-played.png') });
  for (const page of [ann.page, bob.page]) await expect(log(page)).not.toContainText(/NaN|Infinity/);
});

test('a person sets a profile photo, cropped square, and the other person sees it', async ({ people }) => {
  const [ann, bob] = await people(2);
  await openDirect(ann.page, bob.name);
  await ann.page.getByRole('button', { name: 'Settings' }).click();
  await ann.page.getByRole('menuitem', { name: 'Profile photo…' }).click();
  const dialog = ann.page.getByRole('dialog', { name: 'Profile photo' });
  await dialog.getByLabel('Choose a photo').setInputFiles({
    name: 'me.jpg',
    mimeType: 'image/jpeg',
    buffer: await photo({ width: 900, height: 600 }),
  });
  await expect(dialog.getByRole('img', { name: 'Preview of your profile photo' })).toBeVisible();
  await dialog.getByLabel('Zoom').fill('1.5');
  await dialog.getByRole('button', { name: 'Save photo' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Photo saved.');
  await expect(dialog.getByRole('button', { name: 'Remove photo' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openChat(bob.page, ann.name);
  const avatar = bob.page
    .getByRole('navigation', { name: 'Chats' })
    .getByRole('button', { name: new RegExp(ann.name) })
    .locator('img');
  await expect(avatar).toHaveAttribute('src', /\/api\/v1\/media\//);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await avatar.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBe(1);
});

test('a group admin sets the group photo from the group panel; members see it', async ({ people }) => {
  const [ann, bob] = await people(2);
  const { token } = (await (
    await ann.page.request.post('/api/v1/auth/token', { data: { email: ann.email, password: ann.password } })
  ).json()) as { token: string };
  const created = await ann.page.request.post('/api/v1/chat/sessions', {
    headers: { authorization: `Bearer ${token}` },
    data: { type: 'GROUP', name: 'Beach trip', participantIds: [bob.id] },
  });
  expect(created.status()).toBe(201);

  await openChat(ann.page, 'Beach trip');
  await ann.page.getByRole('button', { name: 'Group info' }).click();
  const panel = ann.page.getByRole('complementary', { name: 'Group info' });
  await panel.getByText('Group photo').click();
  await panel.getByLabel('Choose a photo').setInputFiles({
    name: 'group.png',
    mimeType: 'image/png',
    buffer: await photo({ format: 'png', width: 400, height: 700 }),
  });
  await panel.getByLabel('Up or down').fill('-1');
  await panel.getByRole('button', { name: 'Save photo' }).click();
  await expect(panel.getByRole('status')).toHaveText('Photo saved.');

  await openChat(bob.page, 'Beach trip');
  const avatar = bob.page
    .getByRole('heading', { level: 2, name: 'Beach trip' })
    .locator('xpath=../..')
    .locator('img');
  await expect(avatar).toHaveAttribute('src', /\/api\/v1\/media\//);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Bob is a member: the panel offers him no photo controls.
  await bob.page.getByRole('button', { name: 'Group info' }).click();
  await expect(bob.page.getByText('Group photo', { exact: true })).toHaveCount(0);
});
