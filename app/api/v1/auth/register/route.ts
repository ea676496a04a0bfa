import { clientAddress, throttleAuthRequest } from '@/lib/auth/attempts';
import { authSecret } from '@/lib/auth/secret';
import { issueToken } from '@/lib/auth/tokens';
import { env } from '@/lib/env';
import { handle, json, readJson } from '@/lib/http/respond';
import { registerUser } from '@/lib/users/register-user';
import { registerSchema } from '@/lib/validations/auth';

// POST /api/v1/auth/register – create an account and return a bearer token
export const POST = handle(async (req) => {
  await throttleAuthRequest(clientAddress(req.headers));
  const input = await readJson(req, registerSchema);
  const { user, tokenVersion } = await registerUser(input);
  const { token, expiresAt } = await issueToken(
    { id: user.id, tokenVersion },
    authSecret(),
    env().TOKEN_TTL_SECONDS,
  );
  return json(201, { user, token, expiresAt: expiresAt.toISOString() });
});
