// What the API and the socket say about an export job.
import type { ExportJob } from '../generated/prisma/client';

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed' | 'expired';

export interface ExportDto {
  id: string;
  scope: 'account' | 'chat';
  chatId: string | null;
  format: 'json' | 'html' | 'both';
  includeMedia: boolean;
  status: ExportStatus;
  /** 0..1 */
  progress: number;
  createdAt: string;
  finishedAt: string | null;
  /** When a ready export's zip is deleted. */
  expiresAt: string | null;
  /** The zip's size in bytes, once ready. */
  size: number | null;
  /** Why it failed, in words for the person. */
  error: string | null;
  /** `/api/v1/exports/{id}/download`, once ready. */
  downloadUrl: string | null;
}

export type ExportRow = Pick<
  ExportJob,
  | 'id'
  | 'scope'
  | 'chatId'
  | 'format'
  | 'includeMedia'
  | 'status'
  | 'progress'
  | 'createdAt'
  | 'finishedAt'
  | 'expiresAt'
  | 'size'
  | 'error'
>;

export function toExportDto(row: ExportRow): ExportDto {
  const ready = row.status === 'READY';
  return {
    id: row.id,
    scope: row.scope === 'ACCOUNT' ? 'account' : 'chat',
    chatId: row.chatId,
    format: row.format.toLowerCase() as ExportDto['format'],
    includeMedia: row.includeMedia,
    status: row.status.toLowerCase() as ExportStatus,
    progress: ready ? 1 : Math.min(1, Math.max(0, row.progress)),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: ready ? (row.expiresAt?.toISOString() ?? null) : null,
    size: ready && row.size !== null ? Number(row.size) : null,
    error: row.error,
    downloadUrl: ready ? `/api/v1/exports/${row.id}/download` : null,
  };
}
