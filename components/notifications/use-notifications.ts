'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/lib/client/api';
import type { ChatMuteDto, NotificationSettingsDto } from '@/lib/push/dto';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The person's notification settings, muted chats and push devices (GET /users/me/notifications). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: async () =>
      (await api<{ notifications: NotificationSettingsDto }>('/users/me/notifications')).notifications,
  });
}

/** Chats muted when the settings were last fetched (refetched when the app regains focus). */
export function useMutedChats(): ReadonlySet<string> {
  const { data } = useNotificationSettings();
  return useMemo(() => new Set((data?.mutedChats ?? []).map((m) => m.chatId)), [data]);
}

export function useUpdateNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: Record<string, unknown>) =>
      (
        await api<{ notifications: NotificationSettingsDto }>('/users/me/notifications', {
          method: 'PATCH',
          body: changes,
        })
      ).notifications,
    onSuccess: (settings) => qc.setQueryData(NOTIFICATIONS_KEY, settings),
  });
}

/** Mutes a chat until a time or `always` (its mentions too, when asked); `null` unmutes it. */
export function useMuteChat(chatId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (
      change: { until: string; muteMentions?: boolean } | null,
    ): Promise<ChatMuteDto | null> => {
      if (change === null) {
        await api(`/chat/sessions/${chatId}/mute`, { method: 'DELETE' });
        return null;
      }
      return (
        await api<{ mute: ChatMuteDto }>(`/chat/sessions/${chatId}/mute`, { method: 'PUT', body: change })
      ).mute;
    },
    onSuccess: (mute) =>
      qc.setQueryData<NotificationSettingsDto>(
        NOTIFICATIONS_KEY,
        (old) =>
          old && {
            ...old,
            mutedChats: [...old.mutedChats.filter((m) => m.chatId !== chatId), ...(mute ? [mute] : [])],
          },
      ),
  });
}
