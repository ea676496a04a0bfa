'use client';

import { useState } from 'react';
import type { ChatListItemDto } from '@/lib/chat/dto';
import { listTime } from '@/lib/client/format';
import { messagePreview, reactionPreview } from '@/lib/client/message-preview';
import { useChatState } from '@chat/sdk/react';
import { Avatar } from './avatar';
import { peerOf, titleOf } from './chat-title';
import { MenuButton, type MenuItem } from './menu-button';
import { useMutedChats } from '../notifications/use-notifications';

function preview(chat: ChatListItemDto, meId: string, hides: (text: string) => boolean): string {
  const r = chat.lastReaction;
  if (r) {
    const who = r.userId === meId ? 'You' : r.name;
    const hidden = r.message.senderId !== meId && hides(r.message.content);
    return reactionPreview({ who, emoji: r.emoji, message: r.message }, { quoted: !hidden });
  }
  const m = chat.lastMessage;
  if (!m) return 'No messages yet';
  if (m.deletedAt) return 'Message deleted';
  if (m.senderId !== meId && hides(m.content)) return 'Hidden message';
  const prefix = m.senderId === meId ? 'You: ' : '';
  return prefix + messagePreview(m);
}

export function ChatList(props: {
  chats: ChatListItemDto[] | undefined;
  loading: boolean;
  meId: string;
  openChatId: string | null;
  onOpen(id: string): void;
  onNewChat(): void;
  /** The header's menu: the person's own settings. */
  menu: MenuItem[];
  /** Whether a text holds one of my hidden words: such a last message is not previewed. */
  hides(text: string): boolean;
}) {
  const [filter, setFilter] = useState('');
  const typing = useChatState((s) => s.typing);
  const presence = useChatState((s) => s.presence);
  const muted = useMutedChats();
  const visible = (props.chats ?? []).filter((c) =>
    titleOf(c, props.meId).toLowerCase().includes(filter.trim().toLowerCase()),
  );

  return (
    <nav aria-label="Chats" className="flex h-full flex-col">
      <div className="flex items-center justify-between gap-2 p-3">
        <h1 className="text-xl font-bold">Chats</h1>
        <span className="flex items-center gap-1">
          <button
            type="button"
            onClick={props.onNewChat}
            className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
          >
            New chat
          </button>
          <MenuButton
            label="Settings"
            items={() => props.menu}
            className="rounded-lg px-2 py-1 text-lg leading-none text-slate-700 hover:bg-slate-100 aria-expanded:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-expanded:bg-slate-800"
          >
            <span aria-hidden="true">⋯</span>
          </MenuButton>
        </span>
      </div>
      <div className="px-3 pb-2">
        <label htmlFor="chat-filter" className="sr-only">
          Filter chats
        </label>
        <input
          id="chat-filter"
          type="search"
          placeholder="Filter chats"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="w-full rounded-lg border border-slate-400 bg-white px-3 py-1.5 dark:border-slate-500 dark:bg-slate-800"
        />
      </div>
      {props.loading && <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading chats…</p>}
      {!props.loading && visible.length === 0 && (
        <p className="p-4 text-sm text-slate-600 dark:text-slate-400">
          {filter ? 'No chat matches that filter.' : 'No chats yet. Start one with “New chat”.'}
        </p>
      )}
      <ul className="flex-1 overflow-y-auto">
        {visible.map((chat) => {
          const peer = peerOf(chat, props.meId);
          const online = peer ? (presence[peer.id]?.status ?? peer.presence.status) === 'online' : undefined;
          const typers = Object.values(typing[chat.id] ?? {});
          const title = titleOf(chat, props.meId);
          const active = chat.id === props.openChatId;
          // The open chat is being read: its new messages are not announced as unread.
          const unread = active ? 0 : chat.unreadCount;
          const mentioned = active ? 0 : chat.mentionCount;
          return (
            <li key={chat.id}>
              <button
                type="button"
                onClick={() => props.onOpen(chat.id)}
                aria-current={active ? 'page' : undefined}
                className={`flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${active ? 'bg-slate-100 dark:bg-slate-800' : ''}`}
              >
                <Avatar
                  id={chat.id}
                  name={title}
                  online={online}
                  src={chat.type === 'GROUP' ? chat.avatarUrl : peer?.avatarUrl}
                />
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate font-medium">
                      {title}
                      {muted.has(chat.id) && (
                        <span role="img" aria-label="muted" title="Muted" className="ml-1 text-xs">
                          🔕
                        </span>
                      )}
                    </span>
                    {chat.lastMessageAt && (
                      <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
                        {listTime(chat.lastMessageAt)}
                      </span>
                    )}
                  </span>
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate text-sm text-slate-600 dark:text-slate-400">
                      {chat.closedAt ? (
                        <em>This chat has ended</em>
                      ) : typers.length > 0 ? (
                        <em className="text-green-700 not-italic dark:text-green-400">typing…</em>
                      ) : (
                        preview(chat, props.meId, props.hides)
                      )}
                    </span>
                    {mentioned > 0 && (
                      <span
                        role="img"
                        className="shrink-0 rounded-full bg-amber-700 px-1.5 text-xs font-bold text-white"
                        aria-label={`${mentioned} ${mentioned === 1 ? 'mention' : 'mentions'} of you`}
                        title="You were mentioned"
                        data-badge="mentioned"
                      >
                        @
                      </span>
                    )}
                    {unread > 0 && (
                      <span
                        className={`shrink-0 rounded-full px-2 text-xs font-semibold text-white ${muted.has(chat.id) ? 'bg-slate-500' : 'bg-blue-700'}`}
                        aria-label={`${unread} unread`}
                      >
                        {unread}
                      </span>
                    )}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
