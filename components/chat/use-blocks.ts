'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { chatClient } from '@/lib/client/chat-client';

export const BLOCKS_KEY = ['blocks'] as const;

/** The people the signed-in person blocks, and the calls to change that. */
export function useBlocks() {
  const qc = useQueryClient();
  const blocks = useQuery({
    queryKey: BLOCKS_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/blocks')).blocks,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: BLOCKS_KEY });
  const block = useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await chatClient().rest.POST('/api/v1/blocks', { body: { userId } })),
    onSettled: refresh,
  });
  const unblock = useMutation({
    mutationFn: async (userId: string) =>
      unwrap(await chatClient().rest.DELETE('/api/v1/blocks/{userId}', { params: { path: { userId } } })),
    onSettled: refresh,
  });
  const blocking = (userId: string | undefined) =>
    userId !== undefined && (blocks.data ?? []).some((b) => b.user.id === userId);
  return { blocking, block, unblock };
}
