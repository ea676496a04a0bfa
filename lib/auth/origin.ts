/**
 * A browser request's Origin is acceptable when it is the server's own
 * (same host as the request) or listed in ALLOWED_ORIGINS.
 */
export function isAllowedOrigin(
  origin: string | null | undefined,
  host: string | null | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host && parsed.host === host) return true;
  return allowed.some((a) => new URL(a).origin === parsed.origin);
}

/**
 * Cross-site request protection for cookie-authenticated writes: the
 * browser must say the request came from our own pages.
 */
export function isSameSiteRequest(
  headers: Headers,
  allowed: readonly string[],
): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    return isAllowedOrigin(headers.get('origin'), null, allowed);
  }
  const origin = headers.get('origin');
  // Browsers send Origin on every cross-origin and on same-origin non-GET fetches.
  if (!origin) return site === 'same-origin' || site === 'none';
  return isAllowedOrigin(origin, headers.get('host'), allowed);
}
