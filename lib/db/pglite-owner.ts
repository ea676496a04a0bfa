// Which process has the embedded database open. PGlite takes no lock of its
// own and a second process opening the directory would corrupt it, so the
// server records its pid beside the directory while it runs; backup and
// restore (lib/backup) refuse while that process is alive.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ownerFile = (dataDir: string) => path.resolve(dataDir, 'pglite.pid');

/** Records this process as the database's user; returns the release. */
export async function claimPglite(dataDir: string): Promise<() => Promise<void>> {
  const file = ownerFile(dataDir);
  await writeFile(file, `${process.pid}\n`, { mode: 0o600 });
  return async () => {
    const owner = await readFile(file, 'utf8').catch(() => '');
    if (Number(owner) === process.pid) await rm(file, { force: true });
  };
}

/** The pid of another live process that has the database open, if any. A crashed server's file is ignored. */
export async function pgliteOwner(dataDir: string): Promise<number | undefined> {
  const pid = Number(await readFile(ownerFile(dataDir), 'utf8').catch(() => ''));
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
