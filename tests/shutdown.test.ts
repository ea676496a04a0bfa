// A clean stop: SIGTERM closes the sockets, lets the presence writes they
// start finish, then closes the database, and says so without an error.
import { Api } from './support/api';
import { waitFor } from './support/chat';
import { spawnServer } from './support/child-server';
import { describe, expect, it } from './support/fixtures';
import { createServerDatabase } from './support/postgres';
import { TEST_DB } from './support/server';
import { connect } from './support/sockets';

describe(`shutdown on ${TEST_DB}`, () => {
  it('stops on SIGTERM with connected users, after their presence writes, logging no error', async () => {
    const database = await createServerDatabase(TEST_DB, 'chat_shutdown');
    const { child, url } = await spawnServer(
      {
        ...database.env,
        LOG_LEVEL: 'info',
        // Offline at once: each closed socket writes presence during the stop.
        PRESENCE_GRACE_MS: '0',
        AUTH_REQUESTS_PER_MINUTE: '1000',
      },
      { logs: true },
    );
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const api = new Api(url);
      const users = await Promise.all(Array.from({ length: 40 }, (_, i) => api.register(`Leaving ${i}`)));
      const sockets = await Promise.all(users.map((u) => connect(url, { token: u.token })));
      // Half go just before the stop, so their offline writes are under way, the rest with it.
      for (const socket of sockets.slice(0, 20)) socket.disconnect();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitFor(() => log.includes('"msg":"stopped"'), 5_000, 'the "stopped" line');
      const entries = log
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string });
      expect(entries.filter((e) => e.level >= 50).map((e) => e.msg)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  }, 60_000);
});
