import type { IncomingMessage } from 'node:http';

/**
 * The server's own origin, stamped on every request by the HTTP server (over
 * anything the client sent), for route handlers and the proxy, which see
 * headers but not the connection.
 */
export const SERVER_ORIGIN_HEADER = 'x-chat-server-origin';

// Host names, IPv4 and bracketed IPv6 addresses, with an optional port: a
// Host header outside this is refused rather than echoed into an origin.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin browsers load this server from: PUBLIC_URL's when it is set,
 * else the request's scheme (TLS, or X-Forwarded-Proto behind a trusted
 * proxy) with its Host header. Null when the request names no usable host.
 */
export function serverOrigin(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  config: { publicUrl?: string; trustProxy: boolean },
): string | null {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const host = req.headers.host;
  if (!host || !HOST.test(host)) return null;
  const forwarded = config.trustProxy ? firstValue(req.headers['x-forwarded-proto']) : undefined;
  const tls = 'encrypted' in req.socket && req.socket.encrypted === true;
  const scheme = forwarded === 'https' || forwarded === 'http' ? forwarded : tls ? 'https' : 'http';
  return originOf(`${scheme}://${host}`);
}

/**
 * A browser request's Origin is acceptable when it is the server's own
 * origin or one listed in ALLOWED_ORIGINS. Scheme, host and port all count:
 * a page on http://host is another site than https://host.
 */
export function isAllowedOrigin(
  origin: string | null | undefined,
  own: string | null | undefined,
  allowed: readonly string[],
): boolean {
  const parsed = originOf(origin);
  if (!parsed) return false;
  if (own && parsed === originOf(own)) return true;
  return allowed.some((a) => originOf(a) === parsed);
}

/**
 * Cross-site request protection for cookie-authenticated writes: the
 * browser must say the request came from our own pages.
 */
export function isSameSiteRequest(headers: Headers, allowed: readonly string[]): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    return isAllowedOrigin(headers.get('origin'), null, allowed);
  }
  const origin = headers.get('origin');
  // Browsers send Origin on every cross-origin and on same-origin non-GET fetches.
  if (!origin) return site === 'same-origin' || site === 'none';
  return isAllowedOrigin(origin, headers.get(SERVER_ORIGIN_HEADER), allowed);
}

/** scheme://host[:port] with default ports dropped, as URL spells it; null for opaque or invalid ones. */
function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim().toLowerCase();
}
