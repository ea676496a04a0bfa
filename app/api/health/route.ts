import { database } from '@/lib/db';
import { healthProbes } from '@/lib/health';
import { pushHealth } from '@/lib/push/health';

export const dynamic = 'force-dynamic';

const PING_TIMEOUT_MS = 2000;

async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS))),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// GET /api/health – liveness, the database and (when configured) Redis, for load balancers; the push queue
export async function GET(): Promise<Response> {
  const uptime = Math.round(process.uptime());
  const [db, push, ...others] = await Promise.all([
    answers(() => database().ping()),
    pushHealth(PING_TIMEOUT_MS),
    ...healthProbes().map(async ([name, probe]) => [name, await answers(probe)] as const),
  ]);
  // Without the database nothing works: 503 takes the process out of the
  // balancer. Without Redis this process still serves its own clients, and
  // every process shares the outage, so it stays in with status "degraded".
  const degraded = others.some(([, up]) => !up);
  const status = !db ? 'unavailable' : degraded ? 'degraded' : 'ok';
  return Response.json(
    {
      status,
      db: db ? 'up' : 'down',
      ...Object.fromEntries(others.map(([name, up]) => [name, up ? 'up' : 'down'])),
      // The push queue: how much waits and how deliveries went (README, Notifications).
      push,
      uptime,
    },
    { status: db ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
