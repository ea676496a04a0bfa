'use client';

import { useQuery } from '@tanstack/react-query';
import type { MessageDto } from '@/lib/chat/dto';
import { ChatApiError, unwrap } from '@chat/sdk';
import { chatClient } from '@/lib/client/chat-client';
import { snippetOf } from '@/lib/client/format';
import { messagePreview } from '@/lib/client/message-preview';

/** One message fetched by id: the original of a reply that is not in the loaded history. */
export const messageKey = (id: string) => ['message', id] as const;

const BOX = 'mb-1 block w-full min-w-0 rounded-lg border-l-4 px-2 py-1 text-left text-sm';
const TONE = {
  // The app's blue focus ring would vanish on a blue bubble.
  mine: 'border-white bg-blue-900/60 text-white focus-visible:outline-white!',
  theirs:
    'border-blue-700 bg-slate-200 text-slate-800 dark:border-sky-400 dark:bg-slate-700 dark:text-slate-200',
};

/**
 * The message a reply answers, inside the reply: who wrote it and its first
 * line. Taken from the loaded history when it is there, else fetched once by
 * id. Pressing it jumps to the original in the thread.
 */
export function ReplyQuote(props: {
  replyToId: string;
  /** The original, when it is in the loaded history. */
  original: MessageDto | undefined;
  mine: boolean;
  nameOf(senderId: string | null): string;
  onJump(original: MessageDto): void;
}) {
  const fetched = useQuery({
    queryKey: messageKey(props.replyToId),
    queryFn: async () =>
      unwrap(
        await chatClient().rest.GET('/api/v1/chat/messages/{id}', {
          params: { path: { id: props.replyToId } },
        }),
      ),
    enabled: !props.original,
    staleTime: Infinity,
    retry: (count, error) => !(error instanceof ChatApiError && error.status < 500) && count < 2,
  });
  const original = props.original ?? fetched.data?.message;
  const tone = props.mine ? TONE.mine : TONE.theirs;

  if (!original) {
    return (
      <p className={`${BOX} ${tone} italic`}>
        <span className="sr-only">In reply to: </span>
        {fetched.isError ? 'Original message unavailable' : 'Loading the original message…'}
      </p>
    );
  }
  const name = props.nameOf(original.senderId);
  const text = original.deletedAt ? 'Deleted message' : snippetOf(messagePreview(original));
  return (
    <button
      type="button"
      onClick={() => props.onJump(original)}
      aria-label={`In reply to ${name}: ${text}`}
      title="Go to the original message"
      className={`${BOX} ${tone} hover:underline`}
    >
      <span className={`block truncate font-semibold ${props.mine ? '' : 'text-blue-800 dark:text-sky-300'}`}>
        {name}
      </span>{' '}
      <span className={`block truncate ${original.deletedAt ? 'italic' : ''}`}>{text}</span>
    </button>
  );
}
