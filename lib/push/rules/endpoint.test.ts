import { describe, expect, it } from 'vitest';
import { endpointProblem, hostAllowed, isPrivateAddress } from './endpoint';

const DEFAULTS = [
  '*.googleapis.com',
  '*.push.services.mozilla.com',
  '*.notify.windows.com',
  '*.push.apple.com',
];

describe('push endpoints', () => {
  it("takes the browsers' push services", () => {
    for (const url of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
      'https://web.push.apple.com/QGx1',
    ])
      expect(endpointProblem(url, DEFAULTS), url).toBeNull();
  });

  it('refuses other schemes, hosts, credentials and addresses', () => {
    expect(endpointProblem('http://fcm.googleapis.com/x', DEFAULTS)).toMatch(/https/);
    expect(endpointProblem('https://googleapis.com.evil.example/x', DEFAULTS)).toMatch(/not a push service/);
    expect(endpointProblem('https://googleapis.com/x', DEFAULTS)).toMatch(/not a push service/);
    expect(endpointProblem('https://user:pw@fcm.googleapis.com/x', DEFAULTS)).toMatch(/user name/);
    expect(endpointProblem('https://10.0.0.8/x', DEFAULTS)).toMatch(/private/);
    expect(endpointProblem('https://[::1]:8443/x', DEFAULTS)).toMatch(/private/);
    expect(endpointProblem('https://8.8.8.8/x', DEFAULTS)).toMatch(/host name/);
    expect(endpointProblem('https://localhost/x', DEFAULTS)).toMatch(/not a push service/);
    expect(endpointProblem('not a url', DEFAULTS)).toMatch(/URL/);
    expect(endpointProblem(`https://fcm.googleapis.com/${'a'.repeat(10_000)}`, DEFAULTS)).toMatch(/2048/);
  });

  it('takes an address only when the list names it exactly', () => {
    expect(endpointProblem('https://127.0.0.1:8443/push/1', [...DEFAULTS, '127.0.0.1'])).toBeNull();
    expect(hostAllowed('127.0.0.1', ['*.0.0.1'])).toBe(false);
  });

  it('knows private addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '142.250.0.1', '2a00:1450::1']) expect(isPrivateAddress(a), a).toBe(false);
  });
});
