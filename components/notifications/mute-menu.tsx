'use client';

import { MenuButton, type MenuItem } from '../chat/menu-button';
import { useMuteChat, useNotificationSettings } from './use-notifications';

const HOUR = 3600_000;

function mutedText(until: string): string {
  if (until === 'always') return 'Muted';
  const end = new Date(until);
  const sameDay = end.toDateString() === new Date().toDateString();
  const time = end.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `Muted until ${sameDay ? time : `${end.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`}`;
}

/**
 * The chat header's notifications menu: mute for 8 hours, a week or always,
 * or unmute. In a muted group, mentions of me still notify unless I mute them too.
 */
export function MuteMenu({ chatId, group = false }: { chatId: string; group?: boolean }) {
  const { data } = useNotificationSettings();
  const mute = useMuteChat(chatId);
  const current = data?.mutedChats.find((m) => m.chatId === chatId);
  const fail = () => alert('Could not change this chat’s notifications. Try again.');
  const set = (until: string | null, muteMentions = false) =>
    mute.mutate(until === null ? null : { until, muteMentions }, { onError: fail });
  const items = ({ now }: { now: number }): MenuItem[] => [
    ...(current ? [{ id: 'unmute', label: 'Unmute', onSelect: () => set(null) }] : []),
    ...(current && group
      ? [
          current.muteMentions
            ? {
                id: 'mentions-on',
                label: 'Notify me of mentions',
                onSelect: () => set(current.until, false),
              }
            : { id: 'mentions-off', label: 'Mute mentions too', onSelect: () => set(current.until, true) },
        ]
      : []),
    { id: 'mute-8h', label: 'Mute for 8 hours', onSelect: () => set(new Date(now + 8 * HOUR).toISOString()) },
    {
      id: 'mute-1w',
      label: 'Mute for 1 week',
      onSelect: () => set(new Date(now + 7 * 24 * HOUR).toISOString()),
    },
    { id: 'mute-always', label: 'Mute always', onSelect: () => set('always') },
  ];
  return (
    <MenuButton
      label={
        current
          ? `Notifications: ${mutedText(current.until)}${group ? (current.muteMentions ? ', mentions too' : ', except mentions') : ''}`
          : 'Notifications: on'
      }
      items={items}
      className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
    >
      <span aria-hidden="true">{current ? '🔕' : '🔔'}</span>
    </MenuButton>
  );
}
