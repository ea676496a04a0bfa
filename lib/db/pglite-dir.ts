// The embedded database's directory appears whole or not at all. PGlite
// creates a database by writing straight into the directory it is given, so
// a first start stopped half-way used to leave one no later start could open
// ("Aborted()"). A new database is now built and migrated in a temporary
// sibling and renamed into place carrying a completion marker; the final
// name never holds a half-made database.
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitRename, removeLeftovers, syncPath, syncTree, tempSibling } from '../fs/atomic';

/** Written last into a finished database directory. */
export const COMPLETE_MARKER = 'chat-complete';

export interface DirDatabase<T> {
  /** Opens the database in `dir`; throws when it cannot. */
  open(dir: string): Promise<T>;
  /** Applies the pending migrations; stops between two when `signal` aborts. */
  migrate(db: T, signal?: AbortSignal): Promise<void>;
  close(db: T): Promise<void>;
}

/**
 * Opens and migrates the database directory `dir`, creating it atomically
 * when it does not exist. A directory without the marker (made before the
 * marker existed, or half-made by an older version) is kept and marked if it
 * opens, and refused with `HalfCreatedError` if not; it is never deleted.
 * An abort between the steps closes what was opened and rejects.
 */
export async function openDatabaseDir<T>(dir: string, db: DirDatabase<T>, signal?: AbortSignal): Promise<T> {
  const ready = async (opened: T) => {
    try {
      signal?.throwIfAborted();
      await db.migrate(opened, signal);
      signal?.throwIfAborted();
      return opened;
    } catch (error) {
      await db.close(opened).catch(() => undefined);
      throw error;
    }
  };
  await removeLeftovers(dir);
  const state = await inspect(dir);
  if (state === 'missing') {
    signal?.throwIfAborted();
    await create(dir, async (temp) => db.close(await ready(await db.open(temp))));
  }
  signal?.throwIfAborted();
  let opened: T;
  try {
    opened = await db.open(dir);
  } catch (error) {
    throw state === 'unmarked' ? new HalfCreatedError(dir, error) : error;
  }
  await ready(opened);
  if (state === 'unmarked') {
    await markComplete(dir).catch(async (error: unknown) => {
      await db.close(opened).catch(() => undefined);
      throw error;
    });
  }
  return opened;
}

async function inspect(dir: string): Promise<'missing' | 'complete' | 'unmarked'> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  if (names.includes(COMPLETE_MARKER)) return 'complete';
  // An empty directory holds nothing (older versions made it before creating the database).
  if (names.length === 0) {
    await rmdir(dir);
    return 'missing';
  }
  return 'unmarked';
}

async function create(dir: string, build: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempSibling(dir);
  try {
    await mkdir(temp, { recursive: true, mode: 0o700 });
    await build(temp);
    await syncTree(temp);
    await markComplete(temp);
    await commitRename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

export async function markComplete(dir: string): Promise<void> {
  const marker = path.join(dir, COMPLETE_MARKER);
  await writeFile(marker, `${new Date().toISOString()}\n`);
  await syncPath(marker);
  await syncPath(dir);
}

export class HalfCreatedError extends Error {
  constructor(dir: string, cause: unknown) {
    super(
      `${dir} looks like a database whose creation was interrupted: it has no ${COMPLETE_MARKER} marker and does not open ` +
        `(${(cause as Error).message}). Nothing was deleted. If this DATA_DIR never held data, remove that directory ` +
        `and start again; otherwise move it aside and restore it from a backup.`,
      { cause },
    );
    this.name = 'HalfCreatedError';
  }
}
