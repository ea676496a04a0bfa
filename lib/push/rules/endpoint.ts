// Push endpoints are URLs a browser hands us, so they are untrusted input: a
// subscription must not make the server send requests into its own network.
// Only https: URLs on PUSH_ALLOWED_HOSTS are taken, an IP address only when
// the list names it exactly, and (at send time, lib/push/delivery/agent.ts)
// a name that resolves to a private address only when listed exactly.
import { isIP } from 'node:net';
import { isPrivateAddress } from '../../http/private-address';
import { ENDPOINT_MAX_LENGTH } from '../../validations/push';

export { isPrivateAddress };

/** Whether `host` (lower-case, IPv6 without brackets) is on the list: exactly, or under a `*.` entry. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const pattern = entry.replace(/^\[|\]$/g, '');
    if (pattern.startsWith('*.')) return isIP(host) === 0 && host.endsWith(pattern.slice(1));
    return host === pattern;
  });
}

/** Whether the list names `host` itself, not through a wildcard. */
export function hostListedExactly(host: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => entry.replace(/^\[|\]$/g, '') === host);
}

/** Why the server refuses to send to `endpoint`, as a sentence; null when it may. */
export function endpointProblem(endpoint: string, allowed: readonly string[]): string | null {
  if (endpoint.length > ENDPOINT_MAX_LENGTH) return `must be at most ${ENDPOINT_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be the URL the browser gave (PushSubscription.endpoint)';
  }
  if (url.protocol !== 'https:') return 'must be an https: URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) !== 0 && !hostListedExactly(host, allowed)) {
    return isPrivateAddress(host)
      ? 'points at a private or local address, which this server never sends to'
      : 'must name its push service by host name, not by IP address';
  }
  if (!hostAllowed(host, allowed)) return `is on ${host}, which is not a push service this server sends to`;
  return null;
}
