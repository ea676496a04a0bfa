// Mentions in the composer and in bubbles. The composer remembers whom the
// person picked; when the message goes, each pick's "@Name" is found in the
// final text and becomes a range (a pick whose token was edited away simply
// mentions no one). Bubbles cut their text at the ranges the server stored.
import type { MentionDto } from '../chat/dto';

export interface Picked {
  userId: string;
  name: string;
}

/** Ranges for the picks whose "@Name" is still in `text`, first free occurrence each, in offset order. */
export function mentionRanges(text: string, picked: readonly Picked[]): MentionDto[] {
  const taken: MentionDto[] = [];
  const seen = new Set<string>();
  // Longer names first, so "@Bob" never takes the start of "@Bob By".
  for (const p of [...picked].sort((a, b) => b.name.length - a.name.length)) {
    if (seen.has(p.userId)) continue;
    const token = `@${p.name}`;
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
      const end = at + token.length;
      if (taken.some((m) => at < m.offset + m.length && m.offset < end)) continue;
      taken.push({ userId: p.userId, offset: at, length: token.length });
      seen.add(p.userId);
      break;
    }
  }
  return taken.sort((a, b) => a.offset - b.offset);
}

/**
 * The "@…" being typed at the caret: from an "@" at the start or after a
 * space, up to the caret, on one line. null when the caret is not in one.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  if (/[\r\n]/.test(query) || query.length > 40 || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** `text` with "@query" at `start` replaced by "@Name ", and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, name: string) {
  const token = `@${name} `;
  return { text: text.slice(0, start) + token + text.slice(caret), caret: start + token.length };
}

export type Segment = { text: string; userId?: string };

/** The text cut at its mentions, ranges that do not fit it ignored: rendered as text, never as markup. */
export function splitMentions(text: string, mentions: readonly MentionDto[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of [...mentions].sort((a, b) => a.offset - b.offset)) {
    if (m.offset < at || m.offset + m.length > text.length) continue;
    if (m.offset > at) out.push({ text: text.slice(at, m.offset) });
    out.push({ text: text.slice(m.offset, m.offset + m.length), userId: m.userId });
    at = m.offset + m.length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}
