'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import type { ChatMuteDto, NotificationSettingsDto } from '@/lib/push/dto';
import type { UpdateNotificationSettingsInput } from '@/lib/validations/push';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The person's notification settings, muted chats and push devices (GET /users/me/notifications). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me/notifications')).notifications,
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
    mutationFn: async (changes: UpdateNotificationSettingsInput) =>
      unwrap(await chatClient().rest.PATCH('/api/v1/users/me/notifications', { body: changes }))
        .notifications,
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
        unwrap(
          await chatClient().rest.DELETE('/api/v1/chat/sessions/{id}/mute', {
            params: { path: { id: chatId } },
          }),
        );
        return null;
      }
      const path = { id: chatId };
      return unwrap(
        await chatClient().rest.PUT('/api/v1/chat/sessions/{id}/mute', { params: { path }, body: change }),
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
