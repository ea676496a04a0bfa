// Fetches a page for its preview without letting a URL from a message reach
// into the server's own network: only https, the name resolved here and
// every address checked (lib/http/private-address.ts), the connection made
// to the address that was checked (no second lookup to rebind), at most
// MAX_REDIRECTS redirects each checked the same way, MAX_BYTES read and
// TIMEOUT_MS for the whole fetch, redirects included.
import dns from 'node:dns/promises';
import https from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { isPrivateAddress } from '../http/private-address';

export const MAX_REDIRECTS = 3;
export const MAX_BYTES = 1024 * 1024;
export const TIMEOUT_MS = 3000;

export interface FetchOptions {
  /** Answers DNS for these names instead of the resolver (tests). */
  hosts?: Map<string, string>;
  /** Every allowed connection goes here instead (tests): `{ host, port }`. */
  connectTo?: { host: string; port: number };
  /** Extra trusted certificate (tests). */
  ca?: string;
}

export type FetchOutcome = { kind: 'page'; url: string; html: string } | { kind: 'refused'; reason: string };

/** The address to connect to for `url`'s host, or why not. */
async function checkedAddress(url: URL, options: FetchOptions): Promise<string | { reason: string }> {
  if (url.protocol !== 'https:') return { reason: 'not https' };
  if (url.username || url.password) return { reason: 'credentials in the URL' };
  if (url.port && url.port !== '443') return { reason: 'not the https port' };
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    const fixed = options.hosts?.get(host);
    try {
      addresses = fixed
        ? [fixed]
        : (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return { reason: 'does not resolve' };
    }
  }
  // Every address must be public: a name with one private record is refused whole.
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) return { reason: 'private address' };
  return addresses[0] as string;
}

/** The page at `url` (https), following up to MAX_REDIRECTS redirects, or why not. */
export async function fetchPage(start: string, options: FetchOptions = {}): Promise<FetchOutcome> {
  const deadline = Date.now() + TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(start);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const address = await checkedAddress(url, options);
    if (typeof address !== 'string') return { kind: 'refused', reason: address.reason };
    const left = deadline - Date.now();
    if (left <= 0) return { kind: 'refused', reason: 'timed out' };
    const answer = await get(url, address, left, options);
    if (answer.kind === 'refused') return answer;
    if (answer.kind === 'page') return { kind: 'page', url: url.href, html: answer.html };
    try {
      url = new URL(answer.location, url);
    } catch {
      return { kind: 'refused', reason: 'bad redirect' };
    }
  }
  return { kind: 'refused', reason: 'too many redirects' };
}

type Answer =
  | { kind: 'page'; html: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; reason: string };

function get(url: URL, address: string, timeoutMs: number, options: FetchOptions): Promise<Answer> {
  return new Promise((resolve) => {
    const name = url.hostname.replace(/^\[|\]$/g, '');
    // Connect to the checked address itself: no second lookup that could answer otherwise.
    const req = https.request(
      {
        protocol: 'https:',
        host: options.connectTo?.host ?? address,
        port: options.connectTo?.port ?? 443,
        // The certificate is checked against the name (SNI too), not the address.
        ...(isIP(name) ? {} : { servername: name }),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        agent: false,
        headers: {
          host: url.host,
          'user-agent': 'ChatLinkPreview/1 (+https link previews)',
          accept: 'text/html,application/xhtml+xml',
          'accept-encoding': 'identity',
        },
        ...(options.ca ? { ca: [...rootCertificates, options.ca] } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ kind: 'redirect', location: res.headers.location });
        }
        const type = res.headers['content-type'] ?? '';
        if (status !== 200 || !/^(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
          res.destroy();
          return resolve({ kind: 'refused', reason: `answered ${status} ${type}` });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ kind: 'page', html: Buffer.concat(chunks).toString('utf8') });
        res.on('data', (chunk: Buffer) => {
          const room = MAX_BYTES - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          // Enough: what a preview needs is in the head, near the start.
          if (size >= MAX_BYTES) {
            res.destroy();
            done();
          }
        });
        res.on('end', done);
        res.on('error', () => resolve({ kind: 'refused', reason: 'the answer broke off' }));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timed out')), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err) => resolve({ kind: 'refused', reason: err.message }));
    req.end();
  });
}
