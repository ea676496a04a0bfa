import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, isSameSiteRequest } from './origin';

describe('isAllowedOrigin', () => {
  it('accepts our own host and listed origins only', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example', 'localhost:3000', ['https://app.example'])).toBe(true);
    expect(isAllowedOrigin('https://evil.example', 'localhost:3000', ['https://app.example'])).toBe(false);
    expect(isAllowedOrigin(undefined, 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000', [])).toBe(false);
  });
});

describe('isSameSiteRequest', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('accepts same-origin fetches and refuses cross-site ones', () => {
    expect(isSameSiteRequest(headers({ host: 'a.test', origin: 'http://a.test' }), [])).toBe(true);
    expect(isSameSiteRequest(headers({ 'sec-fetch-site': 'same-origin' }), [])).toBe(true);
    expect(isSameSiteRequest(headers({ host: 'a.test', origin: 'http://b.test' }), [])).toBe(false);
    expect(
      isSameSiteRequest(headers({ host: 'a.test', origin: 'http://b.test', 'sec-fetch-site': 'cross-site' }), []),
    ).toBe(false);
    // A cookie-bearing write with no browser headers at all is not trusted.
    expect(isSameSiteRequest(headers({ host: 'a.test' }), [])).toBe(false);
  });
});
