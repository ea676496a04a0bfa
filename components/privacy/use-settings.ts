'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatClient } from '@/lib/client/chat-client';
import type { InvitationDto } from '@/lib/users/invitations';
import type { UpdateSettingsInput } from '@/lib/validations/settings';

export const SETTINGS_KEY = ['settings'] as const;
export const INVITATIONS_KEY = ['invitations'] as const;

/** The person's privacy settings (GET /users/me/settings). */
export function useSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me/settings')).settings,
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: UpdateSettingsInput) =>
      unwrap(await chatClient().rest.PATCH('/api/v1/users/me/settings', { body: changes })).settings,
    onSuccess: (settings) => qc.setQueryData(SETTINGS_KEY, settings),
  });
}

/** Group invitations waiting for an answer. */
export function useInvitations() {
  return useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me/invitations')).invitations,
  });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accept }: { id: string; accept: boolean }) => {
      const params = { path: { id } };
      if (accept)
        unwrap(await chatClient().rest.POST('/api/v1/users/me/invitations/{id}/accept', { params }));
      else unwrap(await chatClient().rest.POST('/api/v1/users/me/invitations/{id}/decline', { params }));
    },
    onSettled: (_data, _error, { id }) =>
      qc.setQueryData<InvitationDto[]>(INVITATIONS_KEY, (old) => old?.filter((i) => i.id !== id)),
  });
}
