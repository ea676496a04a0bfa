// The browser-facing security headers. The HTTP server sets the fixed ones
// on every response; proxy.ts sets the page policy, whose nonce changes per
// request.
import type { ServerResponse } from 'node:http';

/**
 * Headers for every response, pages, API answers and static files alike.
 * HSTS only when browsers reach us over https: it has them refuse plain http
 * to this host for a year, which a deployment without TLS cannot promise.
 */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // frame-ancestors 'none' in the page policy; this is for browsers without CSP 2.
    'X-Frame-Options': 'DENY',
    // Voice notes will record on our own pages; nothing here films, locates or pays.
    'Permissions-Policy': 'camera=(), microphone=(self), geolocation=(), payment=(), usb=()',
    ...(https && { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }),
  };
}

/**
 * The policy of everything under /api/: JSON, and next-auth's few HTML pages
 * (sign-out, error), which are plain markup with an inline stylesheet.
 */
export const API_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Sets the fixed headers on a response before anything writes it; Next keeps them. */
export function setSecurityHeaders(res: ServerResponse, options: { https: boolean; path: string }): void {
  for (const [name, value] of Object.entries(securityHeaders(options.https))) res.setHeader(name, value);
  // Pages get theirs, with a nonce, from proxy.ts.
  if (options.path.startsWith('/api/')) res.setHeader('Content-Security-Policy', API_POLICY);
}

export interface PagePolicyOptions {
  /** Fresh for each response; Next puts it on every script it renders. */
  nonce: string;
  /** The origin browsers load us from (see lib/auth/origin.ts); null when unknown. */
  origin: string | null;
  /** Hash sources of the stylesheets Next inlines without the nonce (lib/http/built-styles.ts). */
  styleHashes: readonly string[];
  /** Next's development server evaluates code for its error overlay and injects styles. */
  dev: boolean;
}

/** The Content-Security-Policy of a page. */
export function pagePolicy({ nonce, origin, styleHashes, dev }: PagePolicyOptions): string {
  const https = origin?.startsWith('https:') ?? false;
  // 'self' covers ws: and wss: only in CSP 3 browsers; older ones need the socket's origin spelled out.
  const socket = origin ? ` ${origin.replace(/^http/, 'ws')}` : '';
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's runtime loads inherit the trust of the nonced scripts.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // A <style> element needs the nonce or the hash of one of our stylesheets,
    // so injected markup cannot restyle the page. Style attributes are allowed:
    // React renders `style` props as attributes, and an attribute styles only
    // its own element (browsers without style-src-attr drop them instead).
    `style-src 'self' ${dev ? "'unsafe-inline'" : [`'nonce-${nonce}'`, ...styleHashes].join(' ')}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${socket}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}
