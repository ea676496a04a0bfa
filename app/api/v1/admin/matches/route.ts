import { requireUser } from '@/lib/http/auth';
import { handle, json, readJson } from '@/lib/http/respond';
import { addMatch, removeMatch } from '@/lib/users/matches';
import { requirePlatformRole } from '@/lib/users/platform-role';
import { matchSchema } from '@/lib/validations/chat';

// POST /api/v1/admin/matches – the host product records that two people matched (platform admin)
export const POST = handle(async (req) => {
  const user = await requireUser(req);
  // The role first: without it the endpoint does not exist, whatever the body.
  await requirePlatformRole(user.id, 'ADMIN');
  const input = await readJson(req, matchSchema);
  const { match, created } = await addMatch({ actorId: user.id, ...input });
  return json(created ? 201 : 200, { match });
});

// DELETE /api/v1/admin/matches – the host product removes a match (platform admin)
export const DELETE = handle(async (req) => {
  const user = await requireUser(req);
  // The role first: without it the endpoint does not exist, whatever the body.
  await requirePlatformRole(user.id, 'ADMIN');
  const input = await readJson(req, matchSchema);
  await removeMatch({ actorId: user.id, ...input });
  return new Response(null, { status: 204 });
});
