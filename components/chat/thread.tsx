'use client';

import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatListItemDto, MessageDto, Page, SearchHitDto } from '@/lib/chat/dto';
import { api } from '@/lib/client/api';
import { applyMessage, messagesKey } from '@/lib/client/cache';
import { dayOf, lastSeen, snippetOf } from '@/lib/client/format';
import { browserSocket } from '@/lib/client/socket';
import { useRealtime, type PendingMessage } from '@/lib/client/store';
import { peerOf, titleOf } from './chat-title';
import { Composer } from './composer';
import { GroupPanel } from './group-panel';
import { SearchPanel } from './search-panel';
import { MessageBubble, tickOf } from './message-bubble';
import { MessageMenu } from './message-menu';
import { ReplyQuote } from './reply-quote';

export function Thread({ chat, meId, onBack }: { chat: ChatListItemDto; meId: string; onBack(): void }) {
  const qc = useQueryClient();
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [editing, setEditing] = useState<{ id: string; content: string } | null>(null);
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  const [searching, setSearching] = useState(false);
  const [showInfo, setShowInfo] = useState(false);
  const [jumpTo, setJumpTo] = useState<{ id: string; seq: number } | null>(null);
  const typing = useRealtime((s) => s.typing[chat.id]);
  const presence = useRealtime((s) => s.presence);
  const pending = useRealtime((s) => s.pending).filter((p) => p.chatId === chat.id);
  const me = chat.participants.find((p) => p.id === meId);
  // Where "New messages" goes: my read watermark when the chat was opened.
  const [readAtOpen] = useState(me?.lastReadSeq ?? 0);

  const history = useInfiniteQuery({
    queryKey: messagesKey(chat.id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<Page<MessageDto>>(
        `/chat/sessions/${chat.id}/messages?limit=50${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
  const messages = (history.data?.pages ?? []).flatMap((p) => p.items).reverse();
  const newest = messages[messages.length - 1];

  // Older pages: keep what the reader sees in place while history grows above it.
  const oldestId = messages[0]?.id;
  const heightBefore = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBefore.current) el.scrollTop += el.scrollHeight - heightBefore.current;
    heightBefore.current = 0;
  }, [oldestId]);
  useEffect(() => {
    const el = top.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting && history.hasNextPage && !history.isFetchingNextPage) {
        heightBefore.current = scroller.current?.scrollHeight ?? 0;
        void history.fetchNextPage();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [history]);

  // A search result: load older pages until it is there, then bring it into view.
  useEffect(() => {
    if (!jumpTo) return;
    const oldest = history.data?.pages.at(-1)?.items.at(-1);
    if (oldest && oldest.seq > jumpTo.seq && history.hasNextPage) {
      if (!history.isFetchingNextPage) void history.fetchNextPage();
      return;
    }
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${jumpTo.id}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
    el.dataset.highlight = 'true';
    const timer = setTimeout(() => delete el.dataset.highlight, 2000);
    setJumpTo(null);
    return () => clearTimeout(timer);
  }, [jumpTo, history]);

  // New messages: follow them when the reader is at the bottom.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom) el.scrollTop = el.scrollHeight;
  }, [newest?.id, pending.length, atBottom]);

  // Reading: everything on screen is read while the tab is visible.
  useEffect(() => {
    if (!newest || newest.seq <= (me?.lastReadSeq ?? 0) || document.visibilityState !== 'visible') return;
    const timer = setTimeout(() => browserSocket().emit('mark_as_read', { chatId: chat.id }), 300);
    return () => clearTimeout(timer);
  }, [chat.id, newest, me?.lastReadSeq]);

  const send = (content: string, clientMessageId = crypto.randomUUID(), replyToId: string | null = null) => {
    const rt = useRealtime.getState();
    rt.addPending({
      clientMessageId,
      chatId: chat.id,
      content,
      replyToId,
      createdAt: new Date().toISOString(),
      failed: false,
    });
    setAtBottom(true);
    browserSocket()
      .timeout(10_000)
      .emitWithAck('send_message', {
        chatId: chat.id,
        content,
        clientMessageId,
        ...(replyToId && { replyToId }),
      })
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
      if (!res.ok) return alert(res.error.message);
      applyMessage(qc, res.data, { meId, openChatId: chat.id });
      // The menu that had focus is gone with the text: keep the reader on the tombstone.
      requestAnimationFrame(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        scroller.current?.querySelector<HTMLElement>(`[data-message-id="${messageId}"]`)?.focus();
      });
    });
  };
  const jump = (target: { id: string; seq: number }) => {
    setAtBottom(false);
    setJumpTo({ id: target.id, seq: target.seq });
  };

  const peer = peerOf(chat, meId);
  const peerPresence = peer ? (presence[peer.id] ?? peer.presence) : null;
  const others = chat.participants.filter((p) => p.id !== meId);
  const names = new Map(chat.participants.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null) => (id === meId ? 'You' : (names.get(id ?? '') ?? 'Someone'));
  const byId = new Map(messages.map((m) => [m.id, m]));
  const moderates = chat.type === 'GROUP' && (me?.role === 'ADMIN' || me?.role === 'MODERATOR');
  const quoteOf = (replyToId: string | null, mine: boolean) =>
    replyToId && (
      <ReplyQuote
        replyToId={replyToId}
        original={byId.get(replyToId)}
        mine={mine}
        nameOf={nameOf}
        onJump={jump}
      />
    );
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
          onPick={(hit: SearchHitDto) => jump(hit.message)}
        />
      )}
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < 80);
        }}
        className="relative min-h-0 flex-1 overflow-y-auto px-3 py-2"
      >
        <div ref={top} />
        {history.isFetchingNextPage && (
          <p className="text-center text-xs text-slate-600">Loading earlier messages…</p>
        )}
        {history.isLoading && <p className="p-4 text-center text-sm text-slate-600">Loading messages…</p>}
        {!history.isLoading && messages.length === 0 && pending.length === 0 && (
          <p className="p-4 text-center text-sm text-slate-600 dark:text-slate-400">
            No messages yet. Say hello!
          </p>
        )}
        <div role="log" aria-live="polite" aria-label="Messages" className="flex flex-col gap-1">
          {messages.map((m, i) => {
            const prev = messages[i - 1];
            const newDay = !prev || dayOf(prev.createdAt) !== dayOf(m.createdAt);
            const firstUnread =
              m.seq > readAtOpen && (!prev || prev.seq <= readAtOpen) && m.senderId !== meId;
            const mine = m.senderId === meId;
            const showName = chat.type === 'GROUP' && !mine && (newDay || prev?.senderId !== m.senderId);
            return (
              <Fragment key={m.id}>
                {newDay && (
                  <p className="my-2 text-center text-xs font-medium text-slate-600 dark:text-slate-400">
                    {dayOf(m.createdAt)}
                  </p>
                )}
                {firstUnread && (
                  <p className="my-2 border-t border-blue-700 text-center text-xs font-semibold text-blue-700 dark:text-blue-400">
                    New messages
                  </p>
                )}
                <MessageBubble
                  message={m}
                  mine={mine}
                  senderName={showName ? (names.get(m.senderId ?? '') ?? 'Someone') : null}
                  tick={mine ? tickOf(m, others) : undefined}
                  readBy={mine ? others.filter((p) => p.lastReadSeq >= m.seq).map((p) => p.name) : undefined}
                  quote={quoteOf(m.replyToId, mine)}
                  menu={
                    !m.deletedAt && (
                      <MessageMenu
                        message={m}
                        canEdit={mine}
                        canDelete={mine || moderates}
                        onReply={() => {
                          setEditing(null);
                          setReplyTo(m);
                        }}
                        onEdit={() => {
                          setReplyTo(null);
                          setEditing({ id: m.id, content: m.content });
                        }}
                        onDelete={() => remove(m.id)}
                      />
                    )
                  }
                />
              </Fragment>
            );
          })}
          {pending.map((p: PendingMessage) => (
            <MessageBubble
              key={p.clientMessageId}
              message={{
                id: p.clientMessageId,
                content: p.content,
                createdAt: p.createdAt,
                editedAt: null,
                deletedAt: null,
                type: 'TEXT',
              }}
              mine
              senderName={null}
              tick={p.failed ? 'failed' : 'pending'}
              quote={quoteOf(p.replyToId, true)}
              onRetry={() => send(p.content, p.clientMessageId, p.replyToId)}
            />
          ))}
        </div>
      </div>
      {!atBottom && (
        <button
          type="button"
          onClick={() => setAtBottom(true)}
          className="mx-auto -mt-12 mb-2 rounded-full bg-slate-800 px-3 py-1 text-sm text-white shadow"
        >
          Jump to latest ↓
        </button>
      )}
      <Composer
        chatId={chat.id}
        editing={editing}
        replying={
          replyTo && {
            id: replyTo.id,
            name: nameOf(replyTo.senderId),
            snippet: snippetOf(replyTo.content, 80),
          }
        }
        onSend={(text) => {
          send(text, undefined, replyTo?.id);
          setReplyTo(null);
        }}
        onEdit={edit}
        onCancelEdit={() => setEditing(null)}
        onCancelReply={() => setReplyTo(null)}
      />
    </section>
  );
}
