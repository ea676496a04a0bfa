'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { BlockDto } from '@/lib/users/blocks';

export const BLOCKS_KEY = ['blocks'] as const;

/** The people the signed-in person blocks, and the calls to change that. */
export function useBlocks() {
  const qc = useQueryClient();
  const blocks = useQuery({
    queryKey: BLOCKS_KEY,
    queryFn: () => api<{ blocks: BlockDto[] }>('/blocks').then((r) => r.blocks),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: BLOCKS_KEY });
  const block = useMutation({
    mutationFn: (userId: string) => api('/blocks', { method: 'POST', body: { userId } }),
    onSettled: refresh,
  });
  const unblock = useMutation({
    mutationFn: (userId: string) => api(`/blocks/${userId}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  const blocking = (userId: string | undefined) =>
    userId !== undefined && (blocks.data ?? []).some((b) => b.user.id === userId);
  return { blocking, block, unblock };
}
