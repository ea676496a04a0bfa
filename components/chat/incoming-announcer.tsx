'use client';

import { useState } from 'react';
import type { MessageDto } from '@/lib/chat/dto';
import { messagePreview } from '@/lib/client/message-preview';

/** How many recent arrivals stay in the region; older lines would only be re-read. */
const KEEP = 3;

/**
 * A polite live region that speaks messages from others as they arrive, and
 * nothing else: the virtual list mounts and unmounts rows while the reader
 * scrolls, which a live log would read out as if they were new.
 */
export function IncomingAnnouncer(props: {
  messages: MessageDto[];
  meId: string;
  names: Map<string, string>;
  /** Hidden words: such a message is announced without its text. */
  hides(text: string): boolean;
}) {
  const newest = props.messages.at(-1);
  // What was already there when the chat opened (or the first page came) is history, not news.
  const [seen, setSeen] = useState<number | null>(newest?.seq ?? null);
  const [lines, setLines] = useState<{ id: string; text: string }[]>([]);
  if (newest && newest.seq !== seen) {
    setSeen(newest.seq);
    if (seen !== null && newest.seq > seen) {
      const arrived: { id: string; text: string }[] = [];
      for (let i = props.messages.length - 1; i >= 0; i--) {
        const m = props.messages[i];
        if (!m || m.seq <= seen) break;
        if (m.senderId === props.meId || m.deletedAt) continue;
        const text = messagePreview(m).slice(0, 300);
        const from = props.names.get(m.senderId ?? '') ?? 'someone';
        const said =
          m.type === 'SYSTEM'
            ? text
            : props.hides(m.content)
              ? `New message from ${from}, hidden because it contains a word you hid.`
              : `New message from ${from}: ${text}`;
        arrived.unshift({ id: m.id, text: said });
      }
      if (arrived.length > 0) setLines((before) => [...before, ...arrived].slice(-KEEP));
    }
  }
  return (
    <div aria-live="polite" className="sr-only">
      {lines.map((l) => (
        <p key={l.id}>{l.text}</p>
      ))}
    </div>
  );
}
