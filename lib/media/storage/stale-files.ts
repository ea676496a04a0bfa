import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes entries of `dir` older than `maxAgeMs`: what a process stopped
 * mid-upload left (kill -9, power loss). By age rather than by process id,
 * since DATA_DIR may be a volume several hosts share; nothing in progress
 * is that old.
 */
export async function removeStaleEntries(dir: string, maxAgeMs: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const entry = path.join(dir, name);
    const info = await stat(entry).catch(() => null);
    if (!info || Date.now() - info.mtimeMs < maxAgeMs) continue;
    await rm(entry, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
