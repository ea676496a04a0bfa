'use client';

import { useEffect, useState } from 'react';

export interface EmojiEntry {
  emoji: string;
  name: string;
  group: string;
}

/** The quick row: what people react with most, in the order the big apps offer them. */
export const QUICK_REACTIONS: EmojiEntry[] = [
  { emoji: '👍', name: 'thumbs up', group: 'People & Body' },
  { emoji: '❤️', name: 'red heart', group: 'Smileys & Emotion' },
  { emoji: '😂', name: 'face with tears of joy', group: 'Smileys & Emotion' },
  { emoji: '😮', name: 'face with open mouth', group: 'Smileys & Emotion' },
  { emoji: '😢', name: 'crying face', group: 'Smileys & Emotion' },
  { emoji: '🙏', name: 'folded hands', group: 'People & Body' },
];

type Loaded = { state: 'loading' } | { state: 'error' } | { state: 'ready'; emoji: EmojiEntry[] };

let cache: Promise<EmojiEntry[]> | null = null;

/** Unicode's full emoji list with names, loaded (once per tab) only when the full picker opens. */
function loadEmoji(): Promise<EmojiEntry[]> {
  cache ??= import('unicode-emoji-json/data-by-group.json')
    .then((mod) => {
      const groups = (
        mod as { default: Array<{ name: string; emojis: Array<{ emoji: string; name: string }> }> }
      ).default;
      return groups.flatMap((g) => g.emojis.map((e) => ({ emoji: e.emoji, name: e.name, group: g.name })));
    })
    .catch((error: unknown) => {
      cache = null;
      throw error;
    });
  return cache;
}

export function useEmojiList(enabled: boolean): { loaded: Loaded; retry(): void } {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadEmoji().then(
      (emoji) => live && setLoaded({ state: 'ready', emoji }),
      () => live && setLoaded({ state: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [enabled, attempt]);
  return {
    loaded,
    retry: () => {
      setLoaded({ state: 'loading' });
      setAttempt((n) => n + 1);
    },
  };
}

/** Emoji whose name (or group) holds every word typed, names starting with the first word first. */
export function searchEmoji(all: EmojiEntry[], query: string): EmojiEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return all;
  const hits = all.filter((e) => {
    const text = `${e.name} ${e.group}`.toLowerCase();
    return words.every((w) => text.includes(w)) || e.emoji === query.trim();
  });
  const first = words[0] ?? '';
  return [
    ...hits.filter((e) => e.name.toLowerCase().startsWith(first)),
    ...hits.filter((e) => !e.name.toLowerCase().startsWith(first)),
  ];
}
