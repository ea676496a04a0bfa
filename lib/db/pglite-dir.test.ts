import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPLETE_MARKER, HalfCreatedError, openDatabaseDir, type DirDatabase } from './pglite-dir';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'chat-pglite-dir-'));
  dir = path.join(root, 'pglite');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A stand-in database: opening writes a data file, or fails like PGlite on a broken directory. */
function fakeDatabase(
  options: { fails?: (dir: string) => boolean; migrate?: (dir: string) => Promise<void> } = {},
) {
  const opened: string[] = [];
  const closed: string[] = [];
  const db: DirDatabase<string> = {
    open: async (at) => {
      opened.push(at);
      if (options.fails?.(at)) throw new Error('Aborted()');
      await writeFile(path.join(at, 'PG_VERSION'), '17\n', { flag: 'a' });
      return at;
    },
    migrate: async (at) => options.migrate?.(at),
    close: async (at) => void closed.push(at),
  };
  return { db, opened, closed };
}

async function fill(at: string, files: Record<string, string>) {
  await mkdir(at, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(at, name), text);
}

describe('openDatabaseDir', () => {
  it('builds a new database in a temporary sibling and renames it into place, marked complete', async () => {
    const { db, opened, closed } = fakeDatabase();
    expect(await openDatabaseDir(dir, db)).toBe(dir);
    expect(opened).toHaveLength(2);
    expect(path.dirname(opened[0]!)).toBe(root);
    expect(path.basename(opened[0]!)).toMatch(new RegExp(`^pglite\\.creating-${process.pid}-[0-9a-f]+$`));
    expect(closed).toEqual([opened[0]]);
    expect(opened[1]).toBe(dir);
    expect((await readdir(dir)).sort()).toEqual(['PG_VERSION', COMPLETE_MARKER]);
    expect(await readdir(root)).toEqual(['pglite']);
  });

  it('leaves nothing under the final name when the creation fails, and the next start creates it afresh', async () => {
    const failing = fakeDatabase({ fails: () => true });
    await expect(openDatabaseDir(dir, failing.db)).rejects.toThrow('Aborted()');
    expect(await readdir(root)).toEqual([]);
    expect(await openDatabaseDir(dir, fakeDatabase().db)).toBe(dir);
  });

  it('removes temporary directories a stopped start left, but not one another running process is building', async () => {
    const dead = path.join(root, 'pglite.creating-999999999-aaaa');
    const ours = path.join(root, `pglite.creating-${process.pid}-bbbb`);
    const running = path.join(root, `pglite.creating-${process.ppid}-cccc`);
    for (const at of [dead, ours, running]) await fill(at, { PG_VERSION: '17\n', half: 'x' });
    await openDatabaseDir(dir, fakeDatabase().db);
    expect((await readdir(root)).sort()).toEqual(['pglite', path.basename(running)]);
  });

  it('opens a complete directory in place and never deletes it, even when it fails to open', async () => {
    await fill(dir, { [COMPLETE_MARKER]: 'x', PG_VERSION: '17\n', data: 'real content' });
    const { db, opened } = fakeDatabase();
    expect(await openDatabaseDir(dir, db)).toBe(dir);
    expect(opened).toEqual([dir]);
    await expect(openDatabaseDir(dir, fakeDatabase({ fails: () => true }).db)).rejects.toThrow('Aborted()');
    expect(await readFile(path.join(dir, 'data'), 'utf8')).toBe('real content');
  });

  it('refuses a non-empty directory without the marker that does not open, with a clear message, and keeps it', async () => {
    await fill(dir, { PG_VERSION: '17\n', data: 'half written' });
    const attempt = openDatabaseDir(dir, fakeDatabase({ fails: () => true }).db);
    await expect(attempt).rejects.toBeInstanceOf(HalfCreatedError);
    await expect(attempt).rejects.toThrow(
      /pglite looks like a database whose creation was interrupted: .*\(Aborted\(\)\)\. Nothing was deleted\. .*remove that directory/,
    );
    expect((await readdir(dir)).sort()).toEqual(['PG_VERSION', 'data']);
    expect(await readFile(path.join(dir, 'data'), 'utf8')).toBe('half written');
  });

  it('keeps a directory without the marker that opens (made before the marker existed) and marks it complete', async () => {
    await fill(dir, { PG_VERSION: '17\n', data: 'real content' });
    const { db, opened } = fakeDatabase();
    expect(await openDatabaseDir(dir, db)).toBe(dir);
    expect(opened).toEqual([dir]);
    expect((await readdir(dir)).sort()).toEqual(['PG_VERSION', COMPLETE_MARKER, 'data']);
  });

  it('does not call a directory half-created when it opens but a migration fails, and keeps it', async () => {
    await fill(dir, { PG_VERSION: '17\n', data: 'real content' });
    const { db, closed } = fakeDatabase({
      migrate: () => Promise.reject(new Error('Migration 2_x was changed after it was applied')),
    });
    const attempt = openDatabaseDir(dir, db);
    await expect(attempt).rejects.toThrow(/^Migration 2_x was changed/);
    expect(closed).toEqual([dir]);
    expect((await readdir(dir)).sort()).toEqual(['PG_VERSION', 'data']);
  });

  it('abandons a creation stopped half-way: what was opened is closed and nothing is left', async () => {
    const stop = new AbortController();
    const { db, opened, closed } = fakeDatabase({ migrate: async () => stop.abort() });
    await expect(openDatabaseDir(dir, db, stop.signal)).rejects.toThrow(/aborted/);
    expect(closed).toEqual(opened);
    expect(await readdir(root)).toEqual([]);
  });

  it('treats an empty directory as no database', async () => {
    await mkdir(dir);
    const { db, opened } = fakeDatabase();
    await openDatabaseDir(dir, db);
    expect(opened[0]).not.toBe(dir);
    expect(await readdir(dir)).toContain(COMPLETE_MARKER);
  });
});
