'use client';

import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { ChatListItemDto, MessageDto, Page, SearchHitDto } from '@/lib/chat/dto';
import { api } from '@/lib/client/api';
import { applyMessage, messagesKey } from '@/lib/client/cache';
import { lastSeen } from '@/lib/client/format';
import { browserSocket } from '@/lib/client/socket';
import { useRealtime } from '@/lib/client/store';
import { peerOf, titleOf } from './chat-title';
import { Composer } from './composer';
import { GroupPanel } from './group-panel';
import { MessageList } from './message-list';
import { SearchPanel } from './search-panel';

const EDIT_WINDOW_MS = 15 * 60 * 1000;

export function Thread({ chat, meId, onBack }: { chat: ChatListItemDto; meId: string; onBack(): void }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState<{ id: string; content: string } | null>(null);
  const [searching, setSearching] = useState(false);
  const [showInfo, setShowInfo] = useState(false);
  const [jumpTo, setJumpTo] = useState<{ id: string; seq: number } | null>(null);
  const typing = useRealtime((s) => s.typing[chat.id]);
  const presence = useRealtime((s) => s.presence);
  const allPending = useRealtime((s) => s.pending);
  const pending = useMemo(() => allPending.filter((p) => p.chatId === chat.id), [allPending, chat.id]);
  const me = chat.participants.find((p) => p.id === meId);
  // Where "New messages" goes: my read watermark when the chat was opened.
  const [readAtOpen] = useState(me?.lastReadSeq ?? 0);
  // The edit window is checked against a clock that ticks, not at each render.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const history = useInfiniteQuery({
    queryKey: messagesKey(chat.id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<Page<MessageDto>>(
        `/chat/sessions/${chat.id}/messages?limit=50${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const pages = history.data?.pages;
  const messages = useMemo(() => (pages ?? []).flatMap((p) => p.items).reverse(), [pages]);

  const loadOlder = () => {
    if (history.hasNextPage && !history.isFetchingNextPage)
      void history.fetchNextPage({ cancelRefetch: false });
  };

  const send = (content: string, clientMessageId = crypto.randomUUID()) => {
    const rt = useRealtime.getState();
    rt.addPending({
      clientMessageId,
      chatId: chat.id,
      content,
      replyToId: null,
      createdAt: new Date().toISOString(),
      failed: false,
    });
    browserSocket()
      .timeout(10_000)
      .emitWithAck('send_message', { chatId: chat.id, content, clientMessageId })
      .then(
        (res) => {
          if (!res.ok) return rt.settlePending(clientMessageId, true);
          applyMessage(qc, res.data, { meId, openChatId: chat.id });
          rt.settlePending(clientMessageId, false);
        },
        () => rt.settlePending(clientMessageId, true),
      );
  };
  const edit = (messageId: string, content: string) => {
    browserSocket().emit('edit_message', { messageId, content }, (res) => {
      if (res.ok) applyMessage(qc, res.data, { meId, openChatId: chat.id });
      else alert(res.error.message);
    });
    setEditing(null);
  };
  const remove = (messageId: string) => {
    if (!confirm('Delete this message for everyone?')) return;
    browserSocket().emit('delete_message', { messageId }, (res) => {
      if (res.ok) applyMessage(qc, res.data, { meId, openChatId: chat.id });
      else alert(res.error.message);
    });
  };

  const peer = peerOf(chat, meId);
  const peerPresence = peer ? (presence[peer.id] ?? peer.presence) : null;
  const typers = Object.values(typing ?? {});
  const title = titleOf(chat, meId);

  return (
    <section aria-label={`Chat with ${title}`} className="flex h-full min-h-0 flex-col">
      <header className="flex items-center gap-3 border-b border-slate-200 p-3 dark:border-slate-700">
        <button
          type="button"
          onClick={onBack}
          className="rounded px-2 py-1 md:hidden"
          aria-label="Back to chats"
        >
          ←
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{title}</h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {typers.length > 0
              ? `${typers.join(', ')} ${typers.length > 1 ? 'are' : 'is'} typing…`
              : peerPresence
                ? peerPresence.status === 'online'
                  ? 'online'
                  : lastSeen(peerPresence.lastSeenAt)
                : `${chat.participants.length} members`}
          </p>
        </div>
        {chat.type === 'GROUP' && (
          <button
            type="button"
            onClick={() => setShowInfo((v) => !v)}
            aria-expanded={showInfo}
            className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
          >
            Group info
          </button>
        )}
        <button
          type="button"
          onClick={() => setSearching((v) => !v)}
          aria-expanded={searching}
          className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
        >
          Search
        </button>
      </header>
      {showInfo && chat.type === 'GROUP' && <GroupPanel chat={chat} meId={meId} onLeft={onBack} />}
      {searching && (
        <SearchPanel
          chatId={chat.id}
          onClose={() => setSearching(false)}
          onPick={(hit: SearchHitDto) => setJumpTo({ id: hit.message.id, seq: hit.message.seq })}
        />
      )}
      <MessageList
        chat={chat}
        meId={meId}
        messages={messages}
        pending={pending}
        readAtOpen={readAtOpen}
        loading={history.isLoading}
        older={{ has: history.hasNextPage, loading: history.isFetchingNextPage, load: loadOlder }}
        renderActions={(m) => {
          const mine = m.senderId === meId;
          const canEdit = mine && !m.deletedAt && now - new Date(m.createdAt).getTime() < EDIT_WINDOW_MS;
          return mine && !m.deletedAt ? (
            <span className="mt-1 flex gap-2 text-xs opacity-90">
              {canEdit && (
                <button
                  type="button"
                  className="underline"
                  onClick={() => setEditing({ id: m.id, content: m.content })}
                >
                  Edit
                </button>
              )}
              <button type="button" className="underline" onClick={() => remove(m.id)}>
                Delete
              </button>
            </span>
          ) : null;
        }}
        onRetry={(p) => send(p.content, p.clientMessageId)}
        onReadNewest={() => browserSocket().emit('mark_as_read', { chatId: chat.id })}
        jumpTo={jumpTo}
        onJumped={() => setJumpTo(null)}
      />
      <Composer
        chatId={chat.id}
        editing={editing}
        onSend={send}
        onEdit={edit}
        onCancelEdit={() => setEditing(null)}
      />
    </section>
  );
}
