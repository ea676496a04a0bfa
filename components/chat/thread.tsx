'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChatListItemDto, MessageDto, SearchHitDto } from '@/lib/chat/dto';
import { lastSeen, snippetOf } from '@/lib/client/format';
import { useChatClient, useChatState, useHistory, useTyping } from '@chat/sdk/react';
import { peerOf, senderName, titleOf } from './chat-title';
import { Composer, type Editing } from './composer';
import { GroupPanel } from './group-panel';
import { Avatar } from './avatar';
import { MessageList } from './message-list';
import { PhotoViewer } from './photo-viewer';
import type { MessageActions } from './message-row';
import { SearchPanel } from './search-panel';
import { useBlocks } from './use-blocks';
import { useHiddenWords } from './use-hidden-words';
import { useReact } from './use-react';
import { useSendMessage } from './use-send-message';
import { useWordCheck } from './use-word-check';
import { messagePreview } from '@/lib/client/message-preview';
import { MenuButton, type MenuItem } from './menu-button';
import { openReport } from './report-store';
import { unwrap, type ErrorBody, type OutboxPayloads } from '@chat/sdk';
import { errorMessage } from '@/lib/client/rest';
import { useNotice } from '@/lib/client/store';
import { disappeared } from '@/lib/chat/rules/timer-words';
import { DisappearingMenu } from './disappearing-menu';
import { openForward } from './forward-dialog';
import { MuteMenu } from '../notifications/mute-menu';
import { useCreateExport } from '../exports/use-exports';
import { openProfile } from './profile-card';

export function Thread({ chat, meId, onBack }: { chat: ChatListItemDto; meId: string; onBack(): void }) {
  const client = useChatClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  const [searching, setSearching] = useState(false);
  const [showInfo, setShowInfo] = useState(false);
  const [jumpTo, setJumpTo] = useState<{ id: string; seq: number } | null>(null);
  // A send refused with BLOCKED or CHAT_CLOSED: the chat ended, by a block or a close, whoever did it.
  const [ended, setEnded] = useState(false);
  const { blocking, block, unblock } = useBlocks();
  const { hides } = useHiddenWords();
  const typing = useTyping(chat.id);
  const presence = useChatState((s) => s.presence);
  const me = chat.participants.find((p) => p.id === meId);
  // Where "New messages" goes: my read watermark when the chat was opened.
  const [readAtOpen] = useState(me?.lastReadSeq ?? 0);

  // The client's store holds the history, kept live by events and sync; older pages on demand.
  const history = useHistory(chat.id);
  // A message whose disappearing timer ran out goes from the thread, tombstone and all.
  const messages = useMemo(() => history.messages.filter((m) => !disappeared(m)), [history.messages]);
  // A queued send the history already holds (stored before its ack was heard,
  // e.g. just before a reload) shows once, as stored; the outbox's resend is answered with that copy.
  const stored = useMemo(() => new Set(messages.map((m) => m.clientMessageId)), [messages]);
  const deletedIds = useMemo(() => new Set(messages.filter((m) => m.deletedAt).map((m) => m.id)), [messages]);
  const older = useMemo(
    () => ({ has: history.hasMore, loading: history.loadingOlder, load: history.loadOlder }),
    [history.hasMore, history.loadingOlder, history.loadOlder],
  );

  const { check, offer: offerCheck, clear: clearCheck } = useWordCheck();
  const { send, retry, discard, pending } = useSendMessage({
    chatId: chat.id,
    offerCheck,
    onEnded: useCallback(() => setEnded(true), []),
  });
  const shownPending = useMemo(
    () => pending.filter((p) => !stored.has(p.clientMessageId)),
    [pending, stored],
  );
  // Edits and deletions go through the client's outbox (queued while offline);
  // a refusal is answered once: the word filter asks about an edit, anything else is said.
  const edit = (target: Editing, content: string) => {
    client.messages.edit(target.id, content);
    setEditing(null);
  };
  const reviseEdit = useCallback(
    (messageId: string, content: string) => {
      const m = history.messages.find((x) => x.id === messageId);
      setReplyTo(null);
      setEditing({ id: messageId, content, caption: m !== undefined && m.type !== 'TEXT' });
    },
    [history.messages],
  );
  useRefusedChanges(chat.id, offerCheck, reviseEdit);
  const remove = useCallback(
    (messageId: string) => {
      if (!confirm('Delete this message for everyone?')) return;
      client.messages.delete(messageId);
    },
    [client],
  );
  const react = useReact(meId);
  const hide = useCallback(
    (messageId: string) => {
      if (!confirm('Delete this message for you? Others in the chat still see it.')) return;
      void client.messages.hide(messageId).then((answer) => {
        if (!answer.ok) alert(answer.error.message);
      });
    },
    [client],
  );
  const jump = useCallback(
    (target: { id: string; seq: number }) => setJumpTo({ id: target.id, seq: target.seq }),
    [],
  );
  // The same functions while the chat is open: message rows are memoised on them.
  const actions = useMemo<MessageActions>(
    () => ({
      onReply: (m) => {
        setEditing(null);
        setReplyTo(m);
      },
      onEdit: (m) => {
        setReplyTo(null);
        setEditing({ id: m.id, content: m.content, caption: m.type !== 'TEXT' });
      },
      onDelete: (m) => remove(m.id),
      onHide: (m) => hide(m.id),
      onForward: openForward,
      onReport: (m) =>
        m.senderId &&
        openReport({
          userId: m.senderId,
          name: chat.participants.find((p) => p.id === m.senderId)?.name,
          chatId: chat.id,
          messageIds: [m.id],
        }),
      onRetry: retry,
      onCancelPending: discard,
      onJump: jump,
      onReact: react,
    }),
    [retry, discard, remove, hide, jump, react, chat.id, chat.participants],
  );

  const peer = peerOf(chat, meId);
  const createExport = useCreateExport();
  const peerPresence = peer ? (presence[peer.id] ?? peer.presence) : null;
  const names = new Map(chat.participants.map((p) => [p.id, p.name]));
  const members = useMemo(
    () =>
      chat.type === 'GROUP'
        ? chat.participants.filter((p) => p.id !== meId).map((p) => ({ userId: p.id, name: p.name }))
        : undefined,
    [chat.type, chat.participants, meId],
  );
  const nameOf = (id: string | null) => senderName(names, meId, id);
  const moderates = chat.type === 'GROUP' && (me?.role === 'ADMIN' || me?.role === 'MODERATOR');
  const typers = typing.map((t) => t.name);
  const title = titleOf(chat, meId);
  const iBlock = chat.type === 'DIRECT' && blocking(peer?.id);
  const toggleBlock = () => {
    if (!peer) return;
    if (iBlock) {
      unblock.mutate(peer.id, { onSuccess: () => setEnded(false) });
      return;
    }
    const sure = window.confirm(
      `Block ${peer.name}? You will not be able to message each other and they will not find you. They are not told.`,
    );
    if (sure) block.mutate(peer.id);
  };
  const closed = chat.type === 'DIRECT' && (chat.closedAt !== null || ended);
  const reportPeer = () => peer && openReport({ userId: peer.id, name: peer.name, chatId: chat.id });
  const endChat = () => {
    if (!peer) return;
    const sure = window.confirm(
      `End your chat with ${peer.name}? Neither of you will be able to send messages in it again. You can still report them from it.`,
    );
    if (!sure) return;
    client.rest
      .POST('/api/v1/chat/sessions/{id}/close', { params: { path: { id: chat.id } } })
      .then(unwrap)
      .then(
        ({ chat: updated }) => client.chats.put([updated as ChatListItemDto]),
        (e: unknown) => alert(errorMessage(e, 'Could not end the chat. Try again.')),
      );
  };
  const exportChat = () =>
    createExport.mutate(
      { scope: 'chat', chatId: chat.id },
      { onError: (e) => alert(errorMessage(e, 'Could not start the export. Try again.')) },
    );
  const chatActions = (): MenuItem[] => [
    { id: 'export', label: 'Export this chat…', onSelect: exportChat, disabled: createExport.isPending },
    ...(chat.type === 'DIRECT' && peer
      ? [
          { id: 'report', label: `Report ${peer.name}…`, onSelect: reportPeer, danger: true },
          ...(closed ? [] : [{ id: 'end', label: 'End chat…', onSelect: endChat, danger: true }]),
        ]
      : []),
  ];

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
        <Avatar id={chat.id} name={title} src={chat.type === 'GROUP' ? chat.avatarUrl : peer?.avatarUrl} />
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold">{title}</h2>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {typers.length > 0
              ? `${typers.join(', ')} ${typers.length > 1 ? 'are' : 'is'} typing…`
              : peerPresence
                ? peerPresence.status === 'online'
                  ? 'online'
                  : lastSeen(peerPresence.lastSeenAt)
                : `${chat.participantCount} members`}
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
        {chat.type === 'DIRECT' && peer && (
          <button
            type="button"
            onClick={() => openProfile(peer.id)}
            aria-label={`View ${peer.name}’s profile`}
            className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
          >
            Profile
          </button>
        )}
        {chat.type === 'DIRECT' && peer && (
          <button
            type="button"
            onClick={toggleBlock}
            disabled={block.isPending || unblock.isPending}
            className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
          >
            {iBlock ? 'Unblock' : 'Block'}
          </button>
        )}
        {(chat.type === 'GROUP' || peer) && (
          <MenuButton
            label="More chat actions"
            items={chatActions}
            className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
          >
            <span aria-hidden="true">⋯</span>
          </MenuButton>
        )}
        <DisappearingMenu
          chat={chat}
          canChange={chat.type === 'GROUP' ? me?.role === 'ADMIN' : !closed && !iBlock}
        />
        <MuteMenu chatId={chat.id} group={chat.type === 'GROUP'} />
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
      <MessageList
        chat={chat}
        meId={meId}
        messages={messages}
        pending={shownPending}
        readAtOpen={readAtOpen}
        loading={history.loading}
        older={older}
        moderates={moderates}
        blocks={blocking}
        hides={hides}
        actions={actions}
        // Marked at once in the store (the list's badges clear), then sent through the outbox.
        onReadNewest={() => client.chats.markRead(chat.id)}
        jumpTo={jumpTo}
        onJumped={() => setJumpTo(null)}
      />
      {iBlock || closed ? (
        <div
          role="status"
          className="flex items-center gap-3 border-t border-slate-200 p-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400"
        >
          <p className="flex-1">
            {iBlock
              ? `You block ${peer?.name ?? 'this person'}: unblock them to send messages.`
              : 'This chat has ended.'}
          </p>
          {peer && (
            <button
              type="button"
              onClick={reportPeer}
              className="rounded-lg border border-slate-300 px-2 py-1 dark:border-slate-600"
            >
              Report
            </button>
          )}
        </div>
      ) : (
        <Composer
          chatId={chat.id}
          members={members}
          editing={editing}
          replying={
            replyTo && {
              id: replyTo.id,
              name: nameOf(replyTo.senderId),
              snippet: snippetOf(messagePreview(replyTo), 80),
            }
          }
          onSend={(messages) => {
            messages.forEach((m, i) => send({ ...m, replyToId: i === 0 ? replyTo?.id : null }));
            setReplyTo(null);
          }}
          onEdit={(target, text) => edit(target, text)}
          check={check}
          onCheckDone={clearCheck}
          onCancelEdit={() => setEditing(null)}
          onCancelReply={() => setReplyTo(null)}
        />
      )}
      <PhotoViewer deletedIds={deletedIds} />
    </section>
  );
}

/**
 * Edits and deletions of this chat the server refused, each answered once:
 * an edit the word filter held is asked about (send anyway, or edit again);
 * any other refusal is said. Either way the item leaves the outbox.
 */
function useRefusedChanges(
  chatId: string,
  offerCheck: (error: ErrorBody, what: { proceed(): void; revise(): void }) => boolean,
  reviseEdit: (messageId: string, content: string) => void,
) {
  const client = useChatClient();
  const outbox = useChatState((s) => s.outbox);
  const answered = useRef(new Set<string>());
  useEffect(() => {
    for (const item of outbox) {
      if (item.chatId !== chatId || item.status !== 'failed' || !item.error) continue;
      if ((item.kind !== 'edit' && item.kind !== 'delete') || answered.current.has(item.id)) continue;
      answered.current.add(item.id);
      const { id, error } = item;
      if (item.kind === 'edit') {
        // The word filter's refusals are asked about (use-word-check); any other is said below.
        const payload = item.payload as OutboxPayloads['edit'];
        const held = offerCheck(error, {
          proceed: () => {
            answered.current.delete(id);
            client.messages.retry(id, { confirmed: true });
          },
          revise: () => {
            client.messages.discard(id);
            reviseEdit(payload.messageId, payload.content);
          },
        });
        if (held) continue;
      }
      client.messages.discard(id);
      useNotice.getState().announce(error.message);
    }
  }, [outbox, chatId, client, offerCheck, reviseEdit]);
}
