import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceSha256 } from './evidence';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order and leaves no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('escapes text as JSON does, and drops undefined fields as JSON does', () => {
    expect(canonicalJson({ s: 'line\n"quoted" \u202E é', u: undefined })).toBe(
      JSON.stringify({ s: 'line\n"quoted" \u202E é' }),
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('gives the same text whatever order the keys were stored in (PostgreSQL jsonb reorders them)', () => {
    const frozen = { messages: [{ id: 'm', content: 'hi', reported: true }], chatId: 'c', frozenAt: 't' };
    const stored = { frozenAt: 't', chatId: 'c', messages: [{ reported: true, content: 'hi', id: 'm' }] };
    expect(canonicalJson(stored)).toBe(canonicalJson(frozen));
    expect(evidenceSha256(stored as never)).toBe(
      createHash('sha256').update(canonicalJson(frozen)).digest('hex'),
    );
  });
});
