import { handle, json } from '@/lib/http/respond';
import { requirePush } from '@/lib/push/require-push';

// GET /api/v1/push/vapid-public-key – the applicationServerKey browsers subscribe with (404 when push is off)
export const GET = handle(async () => {
  const { publicKey } = requirePush();
  // The key changes only with the configuration; a restart is enough to pick up a new one.
  return json(200, { publicKey }, { 'cache-control': 'public, max-age=300' });
});
