import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stylesheetHashes } from './built-styles';
import { pagePolicy, securityHeaders } from './security-headers';

/** The directives of a policy by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('pagePolicy', () => {
  const base = {
    nonce: 'abc123==',
    origin: 'http://chat.test:3000',
    styleHashes: ["'sha256-x'"],
    dev: false,
  };

  it('runs only scripts with the nonce, and no inline or evaluated code', () => {
    const policy = directives(pagePolicy(base));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc123=='", "'sha256-x'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('lets the page talk to its own origin and its websocket only', () => {
    expect(directives(pagePolicy(base)).get('connect-src')).toEqual(["'self'", 'ws://chat.test:3000']);
    const https = directives(pagePolicy({ ...base, origin: 'https://chat.test' }));
    expect(https.get('connect-src')).toEqual(["'self'", 'wss://chat.test']);
    expect(directives(pagePolicy({ ...base, origin: null })).get('connect-src')).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only on https', () => {
    expect(directives(pagePolicy(base)).has('upgrade-insecure-requests')).toBe(false);
    expect(
      directives(pagePolicy({ ...base, origin: 'https://chat.test' })).has('upgrade-insecure-requests'),
    ).toBe(true);
  });

  it('loosens scripts and styles for the development server only', () => {
    const dev = directives(pagePolicy({ ...base, dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(pagePolicy(base)).not.toMatch(/unsafe-eval/);
  });
});

describe('securityHeaders', () => {
  it('sends HSTS over https only', () => {
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
  });

  it('allows the microphone to our own pages and the camera to none', () => {
    const policy = securityHeaders(false)['Permissions-Policy'];
    expect(policy).toContain('microphone=(self)');
    expect(policy).toContain('camera=()');
  });
});

describe('stylesheetHashes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'built-styles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes every stylesheet under the directory as a CSP source', () => {
    mkdirSync(path.join(dir, 'chunks'));
    writeFileSync(path.join(dir, 'chunks', 'a.css'), 'body{color:red}');
    writeFileSync(path.join(dir, 'chunks', 'a.js'), 'alert(1)');
    // sha256 of "body{color:red}", as `openssl dgst -sha256 -binary | base64` prints it.
    expect(stylesheetHashes(dir)).toEqual(["'sha256-FcQqt3aNlV7AZnGV4zkQRVeCeJOxbMPnQSx258L803E='"]);
  });

  it('is empty when there is no build', () => {
    expect(stylesheetHashes(path.join(dir, 'missing'))).toEqual([]);
  });
});
