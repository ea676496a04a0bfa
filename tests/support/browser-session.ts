// Signs in the way a browser does, through next-auth's credentials flow,
// and returns the session cookie header.
export async function signInWithCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const cookie = cookiesOf(res)
    .split('; ')
    .filter((c) => c.startsWith('next-auth.session-token='))
    .join('; ');
  if (!cookie) throw new Error(`sign-in set no session cookie (status ${res.status})`);
  return cookie;
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Signs out the way the web app's button does (next-auth's sign-out with its CSRF token). */
export async function signOutWithCookie(baseUrl: string, sessionCookie: string): Promise<number> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: sessionCookie } });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/signout`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `${sessionCookie}; ${cookiesOf(csrfRes)}`,
      origin: baseUrl,
    },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
  return res.status;
}
