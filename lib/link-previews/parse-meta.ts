// The title, description and site name of an HTML page, from its <title>
// and <meta> tags, read with bounded patterns over the page's head: no
// scripts run, nothing is rendered, and the result is plain text.
import type { LinkPreviewDto } from '../chat/dto';

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 400;
const SITE_MAX = 100;
/** Tags are looked for before </head>, and within this much of the page at most. */
const HEAD_MAX = 256 * 1024;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x') || lower.startsWith('#')) {
      const n = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : '';
    }
    return NAMED[lower] ?? whole;
  });
}

/** One line of plain text: entities decoded, control characters and runs of space gone, cut to `max`. */
function clean(raw: string | undefined, max: number): string | null {
  if (raw === undefined) return null;
  const text = decodeEntities(raw)
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return null;
  return text.length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

/** The attributes of one tag's inside (`name="x" content='y'`), names lower-cased. */
function attributes(inside: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern =
    /([a-z_:][-a-z0-9_:.]{0,40})\s*=\s*(?:"([^"]{0,4000})"|'([^']{0,4000})'|([^\s"'>]{1,4000}))/gi;
  for (const m of inside.matchAll(pattern)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!found.has(name)) found.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return found;
}

/** The preview of `url` from `html`; null when the page names neither a title nor a description. */
export function parsePreview(url: string, html: string): LinkPreviewDto | null {
  const end = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = html.slice(0, Math.min(end === -1 ? html.length : end, HEAD_MAX));
  const meta = new Map<string, string>();
  // A quoted value may hold ">": the alternatives start with different characters, so no backtracking blow-up.
  for (const m of head.matchAll(/<meta\b((?:[^>"']|"[^"]{0,4000}"|'[^']{0,4000}'){0,400})>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase();
    const content = attrs.get('content');
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const titleTag = /<title\b[^>]{0,200}>([^<]{0,2000})<\/title\s*>/i.exec(head)?.[1];
  const title = clean(meta.get('og:title') ?? meta.get('twitter:title') ?? titleTag, TITLE_MAX);
  const description = clean(
    meta.get('og:description') ?? meta.get('twitter:description') ?? meta.get('description'),
    DESCRIPTION_MAX,
  );
  if (!title && !description) return null;
  return { url, title, description, siteName: clean(meta.get('og:site_name'), SITE_MAX) };
}

/** The first https URL in a message's text, without trailing punctuation; null when there is none. */
export function firstHttpsUrl(text: string): string | null {
  const match = /\bhttps:\/\/[^\s<>"']{1,2000}/i.exec(text);
  if (!match) return null;
  const raw = match[0].replace(/[.,;:!?)\]}]+$/, '');
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}
