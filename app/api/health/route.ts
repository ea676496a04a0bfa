import { database } from '@/lib/db';

export const dynamic = 'force-dynamic';

const PING_TIMEOUT_MS = 2000;

// GET /api/health – liveness and database reachability, for load balancers
export async function GET(): Promise<Response> {
  const uptime = Math.round(process.uptime());
  let up = false;
  try {
    const db = database();
    await Promise.race([
      db.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS)),
    ]);
    up = true;
  } catch {
    up = false;
  }
  return Response.json(
    { status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', uptime },
    { status: up ? 200 : 503, headers: { 'cache-control': 'no-store' } },
  );
}
