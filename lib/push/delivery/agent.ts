// The HTTPS agent every push goes out through. Its DNS lookup refuses names
// that resolve into a private network (an allowed host whose records point
// inside, or a rebinding trick), unless PUSH_ALLOWED_HOSTS names the host
// exactly. IP-address endpoints never reach the lookup: they are allowed
// only when listed exactly (rules/endpoint.ts), checked before each send.
import dns, { type LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { Env } from '../../env';
import { hostListedExactly, isPrivateAddress } from '../rules/endpoint';

export function pushAgent(env: Env): https.Agent {
  const allowed = env.PUSH_ALLOWED_HOSTS;
  const lookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const usable = hostListedExactly(hostname.toLowerCase(), allowed)
        ? addresses
        : addresses.filter((a) => !isPrivateAddress(a.address));
      const first = usable[0];
      if (!first) {
        const refused = Object.assign(
          new Error(`${hostname} resolves to a private address; not sending there`),
          {
            code: 'EPRIVATEADDRESS',
          },
        );
        return callback(refused);
      }
      if (options.all) callback(null, usable);
      else callback(null, first.address, first.family);
    });
  }) as LookupFunction;
  // NODE_ENV=test only (lib/env.ts): the tests' local push service's certificate.
  const testCa = env.PUSH_TEST_CA_FILE ? readFileSync(env.PUSH_TEST_CA_FILE, 'utf8') : undefined;
  return new https.Agent({
    keepAlive: true,
    maxSockets: env.PUSH_CONCURRENCY,
    lookup,
    ...(testCa ? { ca: [...rootCertificates, testCa] } : {}),
  });
}
