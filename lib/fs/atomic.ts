// Writing under DATA_DIR so that a stop at any moment (kill -9, power loss)
// leaves either the old state or the new one: build beside the target under
// a temporary name, flush it to disk, rename it into place (atomic within one
// filesystem), then flush the parent directory so the rename itself lasts.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const TEMP_INFIX = '.creating-';

/** A fresh temporary sibling of `target`: `<target>.creating-<pid>-<random>`. */
export function tempSibling(target: string): string {
  return `${target}${TEMP_INFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Removes the temporary siblings of `target` that a stopped process left.
 * One still being built by another running process is kept. Returns the
 * names removed.
 */
export async function removeLeftovers(target: string): Promise<string[]> {
  const parent = path.dirname(target);
  const prefix = path.basename(target) + TEMP_INFIX;
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid !== process.pid && isRunning(pid)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Flushes a file or directory to disk. */
export async function syncPath(target: string): Promise<void> {
  let handle;
  try {
    handle = await open(target, 'r');
  } catch (error) {
    // Windows cannot open a directory; its renames are durable without this.
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes every file and directory under `dir`, and `dir` itself. */
export async function syncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (entry.isFile() || entry.isDirectory()) await syncPath(path.join(entry.parentPath, entry.name));
  }
  await syncPath(dir);
}

/** Moves the finished `temp` to `target` and makes the move durable. */
export async function commitRename(temp: string, target: string): Promise<void> {
  await rename(temp, target);
  await syncPath(path.dirname(target));
}

/** Writes `file` whole or not at all. */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const temp = tempSibling(file);
  try {
    await writeFile(temp, data, { mode });
    await syncPath(temp);
    await commitRename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
