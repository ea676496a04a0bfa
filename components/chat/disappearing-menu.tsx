'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { ChatDto } from '@/lib/chat/dto';
import { describeTimer } from '@/lib/chat/rules/timer-words';
import { CHAT_LIST_KEY, chatClient } from '@/lib/client/chat-client';
import { useChatConfig } from './chat-config';
import { MenuButton, type MenuItem } from './menu-button';

/**
 * The chat header's disappearing-messages control: off or one of the
 * server's timers, for either person of a direct chat and a group's admins.
 * Others see the current timer and cannot change it.
 */
export function DisappearingMenu({ chat, canChange }: { chat: ChatDto; canChange: boolean }) {
  const qc = useQueryClient();
  const { disappearingTimers } = useChatConfig();
  const current = chat.disappearAfterSeconds;
  const state = current === null ? 'off' : describeTimer(current);
  const label = `Disappearing messages: ${state}`;
  if (!canChange) {
    return current === null ? null : (
      <span role="img" aria-label={label} title={label} className="px-1 text-sm">
        ⏱
      </span>
    );
  }
  const set = (disappearAfterSeconds: number | null) =>
    chatClient().socket.emit('set_disappearing', { chatId: chat.id, disappearAfterSeconds }, (res) => {
      if (!res.ok) return alert(res.error.message);
      void qc.invalidateQueries({ queryKey: CHAT_LIST_KEY });
      void qc.invalidateQueries({ queryKey: ['chat-details', chat.id] });
    });
  const mark = (on: boolean) => (on ? ' ✓' : '');
  const items = (): MenuItem[] => [
    { id: 'off', label: `Off${mark(current === null)}`, onSelect: () => set(null) },
    ...disappearingTimers.map((seconds) => ({
      id: `t${seconds}`,
      label: `${describeTimer(seconds)}${mark(current === seconds)}`,
      onSelect: () => set(seconds),
    })),
  ];
  return (
    <MenuButton
      label={label}
      items={items}
      className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
    >
      <span aria-hidden="true">⏱{current === null ? '' : ` ${describeTimer(current)}`}</span>
    </MenuButton>
  );
}
