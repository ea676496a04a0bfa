import { describe, expect, it } from 'vitest';
import { firstHttpsUrl, parsePreview } from './parse-meta';

describe('parsePreview', () => {
  it('prefers Open Graph, decodes entities and keeps text only', () => {
    const html = `<!doctype html><html><head><title>Plain &amp; simple</title>
      <meta property="og:title" content="A &quot;quoted&quot; &#x1F600; title">
      <meta name='description' content='Fallback <b>with</b> a > in it'>
      <meta property=og:site_name content=Example>
      </head><body><meta property="og:description" content="in the body: ignored"></body></html>`;
    expect(parsePreview('https://example.com/', html)).toEqual({
      url: 'https://example.com/',
      title: 'A "quoted" 😀 title',
      description: 'Fallback <b>with</b> a > in it',
      siteName: 'Example',
    });
  });

  it('falls back to <title>, flattens markup-looking text and cuts long text', () => {
    const html = `<head><title>  <b>bold</b?  </title><meta name="description" content="${'x'.repeat(1000)}"></head>`;
    const preview = parsePreview('https://e.com/', html);
    expect(preview?.title).toBeNull();
    expect(preview?.description).toHaveLength(400);
    expect(parsePreview('https://e.com/', '<head><title>Line\n\tbreaks\u202e</title></head>')?.title).toBe(
      'Line breaks',
    );
  });

  it('is null for a page that says nothing', () => {
    expect(parsePreview('https://e.com/', '<html><body>hi</body></html>')).toBeNull();
  });
});

describe('firstHttpsUrl', () => {
  it('finds the first https link and drops trailing punctuation', () => {
    expect(firstHttpsUrl('see http://a.com and https://b.com/x?y=1).')).toBe('https://b.com/x?y=1');
    expect(firstHttpsUrl('no links here')).toBeNull();
    expect(firstHttpsUrl('only http://a.com')).toBeNull();
  });
});
