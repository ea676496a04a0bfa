// Backups an operator can restore (issue 21, part 3): npm run db:backup and
// db:restore, run as an operator runs them, on the back end TEST_DB names.
// Messages and media seeded through the real server come back, byte for
// byte, on a server started on a fresh data directory or database; corrupt,
// foreign and cut-short files, busy targets and full ones are refused with
// nothing changed.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '@/lib/backup/restore-backup';
import { parseEnv } from '@/lib/env';
import { Api, registerAll, type TestUser } from './support/api';
import { createDirect } from './support/chat';
import { getMedia, tinyPng, upload } from './support/media';
import { adminQuery, createServerDatabase, type ServerDatabase } from './support/postgres';
import { startTestServer, TEST_DB, type TestServer } from './support/server';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The npm script's command, as an operator runs it, against the data `db` names. */
function script(name: 'db-backup' | 'db-restore', args: string[], db: ServerDatabase['env']): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...db };
  if (!db.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${name}.ts`, ...args],
      { env, timeout: 120_000 },
      (error, stdout: string, stderr: string) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** What a restore must not have touched: nothing of a database or media in an empty target. */
async function isUntouched(target: ServerDatabase): Promise<boolean> {
  const entries = await readdir(target.env.DATA_DIR).catch(() => [] as string[]);
  if (entries.some((e) => e === 'pglite' || e === 'media')) return false;
  if (!target.url) return true;
  const tables = await adminQuery<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    target.url,
  );
  return tables[0]?.n === 0;
}

/** Rewrites a backup's members through `change`, keeping its manifest as it was. */
async function tamper(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer,
): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  const reading = pipeline(createReadStream(from), createGunzip(), extract);
  const writing = pipeline(pack, createGzip(), createWriteStream(to));
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const bytes = change(entry.header.name, Buffer.concat(chunks));
    pack.entry({ name: entry.header.name, size: bytes.length }, bytes);
  }
  pack.finalize();
  await Promise.all([reading, writing]);
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe(`backup and restore on ${TEST_DB}`, () => {
  // Two server starts and a dozen runs of the scripts, one after the other.
  it(
    'restores every message and media file into a fresh deployment, and refuses bad files and busy or full targets',
    { timeout: 300_000 },
    async () => {
      const work = await mkdtemp(path.join(tmpdir(), 'chat-backup-test-'));
      cleanups.push(() => rm(work, { recursive: true, force: true }));
      const file = path.join(work, 'backup.tar.gz');

      // The deployment backed up, seeded through its API.
      const source: TestServer = await startTestServer();
      cleanups.push(() => source.stop());
      const sourceDb = { DATA_DIR: source.env.DATA_DIR!, DATABASE_URL: source.env.DATABASE_URL };
      let api = new Api(source.url);
      const [ann, bob] = await registerAll(api, 'Ann', 'Bob');
      const chatId = await createDirect(api, ann, bob);
      const texts = ['Hello', '<script>alert(1)</script>', 'Zürich 🌍 ‮rtl', 'last'];
      for (const [i, content] of texts.entries()) {
        const from = i % 2 ? bob : ann;
        expect(
          (await api.post(`/api/v1/chat/sessions/${chatId}/messages`, { content }, from.token)).status,
        ).toBe(201);
      }
      const files = [
        {
          name: 'notes.bin',
          file: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256)),
          type: 'FILE',
        },
        { name: 'dot.png', file: await tinyPng(), type: 'IMAGE' },
      ];
      for (const f of files) {
        const up = await upload(api, { token: ann.token, chatId, file: f.file, name: f.name });
        expect(up.status).toBe(201);
        const sent = await api.post(
          `/api/v1/chat/sessions/${chatId}/messages`,
          { type: f.type, attachmentIds: [up.body.upload.id] },
          ann.token,
        );
        expect(sent.status).toBe(201);
      }
      const history = async (a: Api, who: TestUser) => {
        const res = await a.get(`/api/v1/chat/sessions/${chatId}/messages?limit=100`, who.token);
        expect(res.status).toBe(200);
        return res.body.items as {
          id: string;
          content: string;
          attachments: { url: string; name: string }[] | null;
        }[];
      };
      const before = await history(api, ann);
      expect(before).toHaveLength(texts.length + files.length);
      const attachments = before.flatMap((m) => m.attachments ?? []);
      expect(attachments.map((a) => a.name).sort()).toEqual(files.map((f) => f.name).sort());
      const mediaUrls = attachments.map((a) => a.url);
      const mediaBefore = await Promise.all(
        mediaUrls.map(async (u) => (await getMedia(api, u, { token: bob.token })).bytes),
      );
      expect(mediaBefore[attachments.findIndex((a) => a.name === 'notes.bin')]!.equals(files[0]!.file)).toBe(
        true,
      );

      if (TEST_DB === 'pglite') {
        // The embedded database allows one process: refused while the server has it.
        const busy = await script('db-backup', [file], sourceDb);
        expect(busy.code).toBe(1);
        expect(busy.stderr).toMatch(/stop the server first/);
        await source.close();
        const done = await script('db-backup', [file], sourceDb);
        expect(done.stderr).toBe('');
        expect(done.stdout).toMatch(/Backed up pglite at migration \d+_\w+ and [1-9]\d* media file/);
      } else {
        // pg_dump takes a consistent snapshot: backed up while the server runs.
        const done = await script('db-backup', [file], sourceDb);
        expect(done.stderr).toBe('');
        expect(done.stdout).toMatch(/Backed up postgres at migration \d+_\w+ and [1-9]\d* media file/);
        await source.close();
      }

      // Bad files, into an empty target: each refused, the target untouched.
      const empty = await createServerDatabase(TEST_DB, 'chat_restore');
      cleanups.push(() => empty.drop());
      // The command's answer once; the rest through its function, sparing a process start each.
      const whole = await readFile(file);
      const cut = path.join(work, 'cut.tar.gz');
      await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.7)));
      const run = await script('db-restore', [cut], empty.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Restore refused: it is not a readable backup .*Nothing was changed\.\n$/);
      expect(await isUntouched(empty)).toBe(true);
      const emptyEnv = parseEnv({ NODE_ENV: 'test', ...empty.env });
      const refusedWith = async (bad: string, message: RegExp) => {
        await expect(restoreBackup(emptyEnv, bad, { replace: false })).rejects.toThrow(message);
        expect(await isUntouched(empty)).toBe(true);
      };
      const flipped = path.join(work, 'flipped.tar.gz');
      const copy = Buffer.from(whole);
      copy[Math.floor(copy.length / 2)]! ^= 0xff;
      await writeFile(flipped, copy);
      await refusedWith(flipped, /not a readable backup|checksum/);
      const altered = path.join(work, 'altered.tar.gz');
      await tamper(file, altered, (name, bytes) =>
        name.startsWith('media/') ? Buffer.concat([bytes, Buffer.from('x')]) : bytes,
      );
      await refusedWith(altered, /does not match its checksum: the file is corrupt/);
      const foreign = path.join(work, 'photo.png');
      await writeFile(foreign, await tinyPng());
      await refusedWith(foreign, /not a readable backup/);
      const otherTar = path.join(work, 'other.tar.gz');
      await tamper(file, otherTar, (name, bytes) =>
        name === 'manifest.json'
          ? Buffer.from(JSON.stringify({ format: 'someone-else', version: 1 }))
          : bytes,
      );
      await refusedWith(otherTar, /it is not a chat backup/);
      const notGzip = path.join(work, 'plain.gz');
      await writeFile(notGzip, gzipSync('just some text'));
      await refusedWith(notGzip, /not a readable backup|no manifest/);

      // The real restore, into a fresh deployment, and a server started on it.
      const target = await createServerDatabase(TEST_DB, 'chat_restore');
      cleanups.push(() => target.drop());
      const restored = await script('db-restore', [file], target.env);
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(/^Restored .* and [1-9]\d* media file/);
      const server = await startTestServer({ env: target.env });
      cleanups.push(() => server.stop());
      api = new Api(server.url);
      // A new AUTH_SECRET: old tokens are void, the accounts and passwords are not.
      for (const who of [ann, bob]) {
        const signIn = await api.post('/api/v1/auth/token', { email: who.email, password: who.password });
        expect(signIn.status).toBe(200);
        who.token = signIn.body.token;
      }
      const after = await history(api, bob);
      expect(after).toEqual(before);
      for (const [i, url] of mediaUrls.entries()) {
        const media = await getMedia(api, url, { token: bob.token });
        expect(media.status).toBe(200);
        expect(media.bytes.equals(mediaBefore[i]!)).toBe(true);
      }

      // A target in use, or holding data, is refused too.
      const inUse = await script('db-restore', [file, '--replace'], target.env);
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toMatch(/stop the server first|stop every server first/);
      await server.close();
      const full = await script('db-restore', [file], target.env);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(/already holds a database|is not empty/);
      // --replace: what was there is kept aside (PGlite, media) or replaced in one transaction.
      const replaced = await script('db-restore', [file, '--replace'], target.env);
      expect(replaced.stderr).toBe('');
      expect(replaced.code).toBe(0);
    },
  );
});
