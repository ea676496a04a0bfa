import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address';

describe('isPrivateAddress', () => {
  it('refuses loopback, private, link-local, metadata and their IPv6 and mapped forms', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      '[::1]',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '2002:7f00:1::',
      '64:ff9b::7f00:1',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
  });

  it('lets public addresses through, IPv4 mapped into IPv6 included', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2a00:1450::1', '::ffff:5db8:d822', '::ffff:93.184.216.34'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
