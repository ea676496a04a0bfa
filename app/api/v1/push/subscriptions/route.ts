import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { removeSubscription } from '@/lib/push/remove-subscription';
import { saveSubscription } from '@/lib/push/save-subscription';
import { pushEndpointSchema, pushSubscriptionSchema } from '@/lib/validations/push';

// POST /api/v1/push/subscriptions – keep this browser's push subscription (201; again updates it)
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  const subscription = await readJson(req, pushSubscriptionSchema);
  const saved = await saveSubscription({
    userId: user.id,
    subscription,
    userAgent: req.headers.get('user-agent'),
  });
  return json(201, { subscription: saved });
});

// DELETE /api/v1/push/subscriptions – forget one of your subscriptions, by its endpoint
export const DELETE = handle(async (req) => {
  const user = await requireUser(req);
  const { endpoint } = await readJson(req, pushEndpointSchema);
  await removeSubscription({ userId: user.id, endpoint });
  return new Response(null, { status: 204 });
});
