import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, isSameSiteRequest, SERVER_ORIGIN_HEADER, serverOrigin } from './origin';

describe('isAllowedOrigin', () => {
  it('accepts our own origin and listed origins only', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'http://localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example', 'http://localhost:3000', ['https://app.example'])).toBe(
      true,
    );
    expect(isAllowedOrigin('https://evil.example', 'http://localhost:3000', ['https://app.example'])).toBe(
      false,
    );
    expect(isAllowedOrigin(undefined, 'http://localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('null', 'http://localhost:3000', [])).toBe(false);
  });

  it('tells schemes apart: http://host is not https://host', () => {
    expect(isAllowedOrigin('http://chat.example', 'https://chat.example', [])).toBe(false);
    expect(isAllowedOrigin('https://chat.example', 'http://chat.example', [])).toBe(false);
    expect(isAllowedOrigin('http://chat.example', null, ['https://chat.example'])).toBe(false);
    expect(isAllowedOrigin('wss://chat.example', 'https://chat.example', [])).toBe(false);
  });

  it('tells ports apart', () => {
    expect(isAllowedOrigin('https://chat.example:8443', 'https://chat.example', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:3001', 'http://localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('https://app.example:444', null, ['https://app.example'])).toBe(false);
  });

  it('treats a default port as the same origin as none', () => {
    expect(isAllowedOrigin('https://chat.example:443', 'https://chat.example', [])).toBe(true);
    expect(isAllowedOrigin('https://chat.example', 'https://chat.example:443', [])).toBe(true);
    expect(isAllowedOrigin('http://chat.example:80', 'http://chat.example', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example', null, ['https://app.example:443/'])).toBe(true);
    // 443 is only https's default.
    expect(isAllowedOrigin('http://chat.example:443', 'http://chat.example', [])).toBe(false);
  });

  it('ignores case in the scheme and host, as browsers do', () => {
    expect(isAllowedOrigin('HTTPS://Chat.Example', 'https://chat.example', [])).toBe(true);
  });
});

describe('isSameSiteRequest', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  const own = { [SERVER_ORIGIN_HEADER]: 'http://a.test' };

  it('accepts same-origin fetches and refuses cross-site ones', () => {
    expect(isSameSiteRequest(headers({ ...own, host: 'a.test', origin: 'http://a.test' }), [])).toBe(true);
    expect(isSameSiteRequest(headers({ 'sec-fetch-site': 'same-origin' }), [])).toBe(true);
    expect(isSameSiteRequest(headers({ ...own, host: 'a.test', origin: 'http://b.test' }), [])).toBe(false);
    expect(
      isSameSiteRequest(headers({ ...own, origin: 'http://b.test', 'sec-fetch-site': 'cross-site' }), []),
    ).toBe(false);
    // A cookie-bearing write with no browser headers at all is not trusted.
    expect(isSameSiteRequest(headers({ ...own, host: 'a.test' }), [])).toBe(false);
  });

  // Regression: the Host header alone used to decide, so http://a.test could
  // write to https://a.test with its user's cookie.
  it('refuses the same host over another scheme or port than the server', () => {
    const https = { [SERVER_ORIGIN_HEADER]: 'https://a.test', host: 'a.test' };
    expect(isSameSiteRequest(headers({ ...https, origin: 'http://a.test' }), [])).toBe(false);
    expect(isSameSiteRequest(headers({ ...https, origin: 'https://a.test:8443' }), [])).toBe(false);
    expect(isSameSiteRequest(headers({ ...https, origin: 'https://a.test' }), [])).toBe(true);
    expect(isSameSiteRequest(headers({ ...https, origin: 'https://a.test:443' }), [])).toBe(true);
  });

  it('trusts no origin of its own when the server stamped none', () => {
    expect(isSameSiteRequest(headers({ host: 'a.test', origin: 'http://a.test' }), [])).toBe(false);
    expect(isSameSiteRequest(headers({ host: 'a.test', origin: 'http://a.test' }), ['http://a.test'])).toBe(
      true,
    );
  });
});

describe('serverOrigin', () => {
  const request = (headers: Record<string, string>, encrypted = false) =>
    ({ headers, socket: encrypted ? { encrypted: true } : {} }) as unknown as IncomingMessage;
  const direct = { trustProxy: false };

  it('is PUBLIC_URL’s origin when it is set, whatever the request says', () => {
    const config = { publicUrl: 'https://chat.example/app', trustProxy: false };
    expect(serverOrigin(request({ host: 'internal:3000' }), config)).toBe('https://chat.example');
    expect(serverOrigin(request({}), config)).toBe('https://chat.example');
  });

  it('takes https from a TLS connection and http from a plain one', () => {
    expect(serverOrigin(request({ host: 'chat.example' }, true), direct)).toBe('https://chat.example');
    expect(serverOrigin(request({ host: 'chat.example:8080' }), direct)).toBe('http://chat.example:8080');
    expect(serverOrigin(request({ host: 'chat.example:443' }, true), direct)).toBe('https://chat.example');
  });

  it('believes X-Forwarded-Proto only behind a trusted proxy', () => {
    const forwarded = { host: 'chat.example', 'x-forwarded-proto': 'https' };
    expect(serverOrigin(request(forwarded), direct)).toBe('http://chat.example');
    expect(serverOrigin(request(forwarded), { trustProxy: true })).toBe('https://chat.example');
    expect(
      serverOrigin(request({ host: 'chat.example', 'x-forwarded-proto': 'https, http' }), {
        trustProxy: true,
      }),
    ).toBe('https://chat.example');
    expect(
      serverOrigin(request({ host: 'chat.example', 'x-forwarded-proto': 'gopher' }), { trustProxy: true }),
    ).toBe('http://chat.example');
  });

  it('is null without a usable Host header', () => {
    expect(serverOrigin(request({}), direct)).toBeNull();
    for (const host of ['a.test/evil', 'a.test;script-src *', 'user@a.test', 'a.test:port']) {
      expect(serverOrigin(request({ host }), direct), host).toBeNull();
    }
    expect(serverOrigin(request({ host: '[::1]:3000' }), direct)).toBe('http://[::1]:3000');
  });
});
