// Next's Proxy (formerly middleware) runs before every page renders: it gives
// the page a fresh CSP nonce. Next reads the nonce from the request's copy of
// the policy and puts it on the scripts it renders; the browser enforces the
// response's copy. The fixed security headers come from the HTTP server
// (lib/server/start.ts), which covers every response.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { SERVER_ORIGIN_HEADER } from '@/lib/auth/origin';
import { env } from '@/lib/env';
import { stylesheetHashes } from '@/lib/http/built-styles';
import { pagePolicy } from '@/lib/http/security-headers';

// The build's stylesheets do not change while the process runs.
let styleHashes: string[] | undefined;

export function proxy(request: NextRequest): NextResponse {
  const dev = env().NODE_ENV === 'development';
  styleHashes ??= dev ? [] : stylesheetHashes(path.join(process.cwd(), '.next', 'static'));
  const policy = pagePolicy({
    nonce: randomBytes(16).toString('base64'),
    origin: request.headers.get(SERVER_ORIGIN_HEADER),
    styleHashes,
    dev,
  });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API (JSON), built assets or files with an
      // extension (sw.js, the manifest, icons), which run no page scripts.
      source: '/((?!api/|_next/static/|_next/image|.*\\.\\w+$).*)',
      // Prefetched pages arrive as data for the page already open, under its policy.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
