// Push endpoints are URLs a browser hands us, so they are untrusted input: a
// subscription must not make the server send requests into its own network.
// Only https: URLs on PUSH_ALLOWED_HOSTS are taken, an IP address only when
// the list names it exactly, and (at send time, lib/push/delivery/agent.ts)
// a name that resolves to a private address only when listed exactly.
import { BlockList, isIP } from 'node:net';
import { ENDPOINT_MAX_LENGTH } from '../../validations/push';

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  privateRanges.addSubnet(net, prefix, 'ipv6');

/** Loopback, private, link-local, carrier NAT, multicast, reserved: anything not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1]) return isPrivateAddress(mapped[1]);
  const family = isIP(bare);
  if (family === 0) return false;
  return privateRanges.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

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
