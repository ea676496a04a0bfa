'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Page, SearchHitDto } from '@/lib/chat/dto';
import { chatClient } from '@/lib/client/chat-client';
import { timeOf } from '@/lib/client/format';
import { messagePreview } from '@/lib/client/message-preview';

/** The matched ranges of a hit, marked; the rest stays plain text. */
function Highlighted({ text, ranges }: { text: string; ranges: Array<[number, number]> }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="rounded bg-yellow-200 px-0.5 text-slate-900">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** Search inside one chat; picking a result jumps to it in the history. */
export function SearchPanel(props: { chatId: string; onPick(hit: SearchHitDto): void; onClose(): void }) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const results = useQuery({
    queryKey: ['chat', props.chatId, 'search', q],
    // openapi-fetch's Readable<> widens the [start, end] tuples to number[].
    queryFn: async () =>
      unwrap(
        await chatClient().rest.GET('/api/v1/chat/sessions/{id}/search', {
          params: { path: { id: props.chatId }, query: { q } },
        }),
      ) as Page<SearchHitDto>,
    enabled: q.length > 0,
  });

  return (
    <div className="border-b border-slate-200 p-3 dark:border-slate-700">
      <form
        role="search"
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(input.trim());
        }}
      >
        <label htmlFor="chat-search" className="sr-only">
          Search this chat
        </label>
        <input
          id="chat-search"
          type="search"
          autoFocus
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
          placeholder="Search this chat"
          className="flex-1 rounded-lg border border-slate-400 bg-white px-3 py-1.5 dark:border-slate-500 dark:bg-slate-800"
        />
        <button type="submit" className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white">
          Search
        </button>
        <button type="button" onClick={props.onClose} className="px-2 text-sm underline">
          Close
        </button>
      </form>
      {results.isFetching && <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Searching…</p>}
      {results.data && results.data.items.length === 0 && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No messages match “{q}”.</p>
      )}
      {results.data && results.data.items.length > 0 && (
        <ul aria-label="Search results" className="mt-2 max-h-64 overflow-y-auto">
          {results.data.items.map((hit) => (
            <li key={hit.message.id}>
              <button
                type="button"
                onClick={() => props.onPick(hit)}
                className="w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                <span className="mr-2 text-xs text-slate-600 dark:text-slate-400">
                  {timeOf(hit.message.createdAt)}
                </span>
                {hit.message.content ? (
                  <Highlighted text={hit.message.content} ranges={hit.highlights} />
                ) : (
                  // A photo, file or voice message found by its file name: no caption to mark.
                  messagePreview(hit.message)
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
