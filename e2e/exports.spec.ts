// Exports (issue 21): a chat exported from its menu, downloaded from the
// ready banner, and its offline HTML opened in Chromium, where a script a
// person wrote shows as text and never runs; then "Download my data" from
// Settings › Your data.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yauzl from 'yauzl';
import { directChatByApi, expect, openChat, sendByApi, test, tokenByApi } from './fixtures';

const PAYLOAD = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">';

/** Unpacks the zip into a fresh folder; returns its path and the entry names. */
async function unpack(zipPath: string): Promise<{ dir: string; names: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'export-e2e-'));
  const names: string[] = [];
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  await new Promise<void>((resolve, reject) => {
    archive.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      archive.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const target = path.join(dir, entry.fileName);
          void mkdir(path.dirname(target), { recursive: true })
            .then(() => writeFile(target, Buffer.concat(chunks)))
            .then(() => archive.readEntry(), reject);
        });
      });
    });
    archive.on('end', resolve);
    archive.on('error', reject);
    archive.readEntry();
  });
  return { dir, names };
}

test.describe.configure({ timeout: 90_000 });

test('export a chat from its menu, download it, and read its HTML offline with scripts shown as text', async ({
  people,
  request,
}) => {
  const [ann, bob] = await people(2);
  const [annApi, bobApi] = [await tokenByApi(request, ann), await tokenByApi(request, bob)];
  const chatId = await directChatByApi(request, bobApi, annApi);
  await sendByApi(request, bobApi, chatId, PAYLOAD);
  await sendByApi(request, annApi, chatId, 'Plain hello');
  await openChat(ann.page, bob.name);
  await expect(ann.page.getByRole('log').getByText('Plain hello')).toBeVisible();

  await ann.page.getByRole('button', { name: 'More chat actions' }).click();
  await ann.page.getByRole('menuitem', { name: 'Export this chat…' }).click();
  const banner = ann.page.getByRole('status').filter({ hasText: 'Your chat export is ready.' });
  const link = banner.getByRole('link', { name: 'Download' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([ann.page.waitForEvent('download'), link.click()]);
  const zipPath = path.join(await mkdtemp(path.join(tmpdir(), 'export-zip-')), 'export.zip');
  await download.saveAs(zipPath);
  const { dir, names } = await unpack(zipPath);
  expect(names).toEqual(
    expect.arrayContaining([
      'manifest.json',
      'index.html',
      `chats/${chatId}/messages.html`,
      `chats/${chatId}/messages.jsonl`,
    ]),
  );

  // Offline, as someone opens it from their disk.
  const reader = ann.page;
  await reader.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  await reader.getByRole('link', { name: bob.name }).click();
  await expect(reader.getByRole('heading', { level: 1, name: bob.name })).toBeVisible();
  await expect(reader.getByText(PAYLOAD)).toBeVisible();
  await expect(reader.getByText('Plain hello')).toBeVisible();
  expect(await reader.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
  await expect(reader.locator('script')).toHaveCount(0);
  await expect(reader.locator('article img')).toHaveCount(0);
});

test('Download my data from Settings › Your data', async ({ people }) => {
  const [ann] = await people(1);
  await ann.page.goto('/chat');
  await ann.page.getByRole('button', { name: 'Settings' }).click();
  await ann.page.getByRole('menuitem', { name: 'Download my data…' }).click();
  await expect(ann.page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();
  await ann.page.getByRole('button', { name: 'Download my data' }).click();
  const list = ann.page.getByRole('list');
  await expect(list.getByRole('link', { name: 'Download' })).toBeVisible({ timeout: 30_000 });
  await expect(list).toContainText('All your data');
});
