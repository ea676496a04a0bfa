'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { chatClient } from '@/lib/client/chat-client';
import type { ExportDto } from '@/lib/exports/dto';
import type { CreateExportInput } from '@/lib/validations/exports';

export const EXPORTS_KEY = ['exports'] as const;

const inProgress = (e: ExportDto) => e.status === 'queued' || e.status === 'running';

/** The person's exports; polled while one is being built, in case the socket is away. */
export function useExports() {
  return useQuery({
    queryKey: EXPORTS_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/exports')).exports,
    refetchInterval: (query) => (query.state.data?.some(inProgress) ? 3000 : false),
  });
}

export function useCreateExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateExportInput) =>
      unwrap(await chatClient().rest.POST('/api/v1/exports', { body: input })).export,
    onSuccess: (created) => qc.setQueryData<ExportDto[]>(EXPORTS_KEY, (old) => [created, ...(old ?? [])]),
  });
}

export function useDeleteExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await chatClient().rest.DELETE('/api/v1/exports/{id}', { params: { path: { id } } })),
    onSettled: (_data, _error, id) =>
      qc.setQueryData<ExportDto[]>(EXPORTS_KEY, (old) => old?.filter((e) => e.id !== id)),
  });
}

/** export_progress from the socket: the bar moves without a fetch. */
export function applyExportProgress(qc: QueryClient, exportId: string, progress: number): void {
  qc.setQueryData<ExportDto[]>(EXPORTS_KEY, (old) =>
    old?.map((e) => (e.id === exportId ? { ...e, status: 'running', progress } : e)),
  );
}
