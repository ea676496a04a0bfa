import { clientAddress } from '@/lib/auth/attempts';
import { authSecret } from '@/lib/auth/secret';
import { issueToken } from '@/lib/auth/tokens';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { handle, json, readJson } from '@/lib/http/respond';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { tokenRequestSchema } from '@/lib/validations/auth';

// POST /api/v1/auth/token – exchange email and password for a bearer token
export const POST = handle(async (req) => {
  const input = await readJson(req, tokenRequestSchema);
  const found = await verifyCredentials(input, clientAddress(req.headers));
  if (!found) throw new AppError('UNAUTHENTICATED', 'The email or password is incorrect.');
  const { token, expiresAt } = await issueToken(
    { id: found.user.id, tokenVersion: found.tokenVersion },
    authSecret(),
    env().TOKEN_TTL_SECONDS,
  );
  return json(200, {
    user: found.user,
    token,
    expiresAt: expiresAt.toISOString(),
    deletionCancelled: found.deletionCancelled,
  });
});
