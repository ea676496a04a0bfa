'use client';

import { useChatClient, useChats } from '@chat/sdk/react';
import { useId, useRef, useState } from 'react';
import { create } from 'zustand';
import type { ChatListItemDto, MessageDto } from '@/lib/chat/dto';
import { useNotice } from '@/lib/client/store';
import { Modal } from '../ui/modal';
import { titleOf } from './chat-title';

interface ForwardDialogState {
  message: MessageDto | null;
  open(message: MessageDto): void;
  close(): void;
}

/** The one forward dialog of the chat app, opened from a message's menu. */
export const useForwardDialog = create<ForwardDialogState>((set) => ({
  message: null,
  open: (message) => set({ message }),
  close: () => set({ message: null }),
}));

export const openForward = (message: MessageDto) => useForwardDialog.getState().open(message);

/** "Forward to…": a chat picker over the caller's chats, filtered by name; a chat is a button. */
export function ForwardDialog({ meId }: { meId: string }) {
  const message = useForwardDialog((s) => s.message);
  const close = useForwardDialog((s) => s.close);
  if (!message) return null;
  return <Picker key={message.id} message={message} meId={meId} onClose={close} />;
}

function Picker(props: { message: MessageDto; meId: string; onClose(): void }) {
  const { message, meId } = props;
  const client = useChatClient();
  const ids = useId();
  const [filter, setFilter] = useState('');
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState('');
  // One id per target chat, so trying again after a lost answer is not a second copy.
  const sendIds = useRef(new Map<string, string>());

  const chats = useChats().filter(
    (c) => c.closedAt === null && titleOf(c, meId).toLowerCase().includes(filter.trim().toLowerCase()),
  );

  const forwardTo = (chat: ChatListItemDto, close: () => void) => {
    setSending(chat.id);
    setError('');
    const clientMessageId = sendIds.current.get(chat.id) ?? crypto.randomUUID();
    sendIds.current.set(chat.id, clientMessageId);
    void client.messages.forward(message.id, chat.id, { clientMessageId }).then((answer) => {
      setSending(null);
      if (!answer.ok) {
        setError(answer.error.message);
        return;
      }
      useNotice.getState().announce(`Forwarded to ${titleOf(chat, meId)}`);
      close();
    });
  };

  return (
    <Modal labelledBy={`${ids}-title`} onClose={props.onClose} size="sm" dismiss="Cancel">
      <h2 id={`${ids}-title`} className="mb-2 text-lg font-semibold">
        Forward to…
      </h2>
      <label htmlFor={`${ids}-filter`} className="sr-only">
        Find a chat
      </label>
      <input
        id={`${ids}-filter`}
        type="search"
        autoFocus
        value={filter}
        placeholder="Find a chat"
        onChange={(e) => setFilter(e.target.value)}
        className="w-full rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
      />
      <ul aria-label="Chats" className="mt-2 max-h-72 overflow-y-auto">
        {chats.length === 0 && (
          <li className="px-2 py-3 text-sm text-slate-600 dark:text-slate-400">No chat matches.</li>
        )}
        {chats.map((chat) => (
          <li key={chat.id}>
            <button
              type="button"
              disabled={sending !== null}
              aria-label={`Forward to ${titleOf(chat, meId)}`}
              onClick={(e) => {
                const dialog = e.currentTarget.closest('dialog');
                forwardTo(chat, () => dialog?.close());
              }}
              className="flex w-full items-center justify-between rounded-lg px-2 py-2 text-left hover:bg-slate-100 focus:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
            >
              <span className="truncate">{titleOf(chat, meId)}</span>
              {sending === chat.id && <span className="text-sm">Sending…</span>}
            </button>
          </li>
        ))}
      </ul>
      <p role="alert" className="mt-2 min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </Modal>
  );
}
