// Media at server start: the process's one storage driver, the directory
// uploads arrive in (cleared of what a stopped process left), the storage's
// health probe and the hourly purge of bytes nobody may read.
import type { Env } from '../env';
import { registerHealthProbe, unregisterHealthProbe } from '../health';
import { logger } from '../logger';
import { incomingDir } from './http/upload-route';
import { schedulePurgeOfMedia } from './purge-media';
import { openMediaStorage, setMediaStorage } from './storage';
import { removeStaleEntries } from './storage/stale-files';

/** No upload takes this long: an older directory was left by a stopped process. */
const STALE_INCOMING_MS = 6 * 60 * 60 * 1000;

export async function startMedia(env: Env): Promise<{ stop(): Promise<void> }> {
  const storage = await openMediaStorage(env);
  const incoming = incomingDir(env);
  const sweep = async () => {
    const stale = await removeStaleEntries(incoming, STALE_INCOMING_MS);
    if (stale > 0) logger().info({ count: stale }, 'removed uploads a stopped process left unfinished');
  };
  await sweep();
  // DATA_DIR may be shared: another process's leftovers are found by age, later.
  const sweeper = setInterval(() => void sweep().catch(() => undefined), STALE_INCOMING_MS / 6);
  sweeper.unref();
  setMediaStorage(storage);
  registerHealthProbe('storage', () => storage.check());
  const stopPurging = schedulePurgeOfMedia();
  logger().info({ driver: storage.driver }, 'media storage ready');
  // Not a reason to refuse to start (messages work without it), but worth saying at once.
  storage.check().catch((error: unknown) => logger().warn({ err: error }, 'media storage does not answer'));
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(sweeper);
        await stopPurging();
        unregisterHealthProbe('storage');
        setMediaStorage(undefined);
        storage.close();
      })()),
  };
}
