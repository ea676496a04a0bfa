'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { InvitationDto } from '@/lib/users/invitations';
import type { SettingsDto } from '@/lib/users/settings';
import type { UpdateSettingsInput } from '@/lib/validations/settings';

export const SETTINGS_KEY = ['settings'] as const;
export const INVITATIONS_KEY = ['invitations'] as const;

/** The person's privacy settings (GET /users/me/settings). */
export function useSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: async () => (await api<{ settings: SettingsDto }>('/users/me/settings')).settings,
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (changes: UpdateSettingsInput) =>
      (await api<{ settings: SettingsDto }>('/users/me/settings', { method: 'PATCH', body: changes }))
        .settings,
    onSuccess: (settings) => qc.setQueryData(SETTINGS_KEY, settings),
  });
}

/** Group invitations waiting for an answer. */
export function useInvitations() {
  return useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: async () => (await api<{ invitations: InvitationDto[] }>('/users/me/invitations')).invitations,
  });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accept }: { id: string; accept: boolean }) =>
      api(`/users/me/invitations/${id}/${accept ? 'accept' : 'decline'}`, { method: 'POST' }),
    onSettled: (_data, _error, { id }) =>
      qc.setQueryData<InvitationDto[]>(INVITATIONS_KEY, (old) => old?.filter((i) => i.id !== id)),
  });
}
