import type { Readable } from 'node:stream';
import { isId } from '../chat/store/ids';
import { db } from '../db';
import { AppError } from '../errors';
import { mediaStorage } from '../media/storage';
import { StorageMissing } from '../media/storage/types';
import { COST, spend } from '../user-budget';
import { toExportDto, type ExportDto } from './dto';

/** Someone else's id reads the same as one that names nothing. */
export function exportNotFound(): AppError {
  return new AppError('NOT_FOUND', 'There is no export of yours with this id.');
}

async function ownJob(userId: string, exportId: string) {
  if (!isId(exportId)) throw exportNotFound();
  const row = await db().exportJob.findFirst({ where: { id: exportId, userId, deletedAt: null } });
  if (!row) throw exportNotFound();
  return row;
}

export async function getExport({
  userId,
  exportId,
}: {
  userId: string;
  exportId: string;
}): Promise<ExportDto> {
  await spend(userId, 'read', COST.read);
  return toExportDto(await ownJob(userId, exportId));
}

/** The caller's exports of the last 30 days, newest first. */
export async function listExports({ userId }: { userId: string }): Promise<ExportDto[]> {
  await spend(userId, 'read', COST.list);
  const rows = await db().exportJob.findMany({
    where: { userId, deletedAt: null, createdAt: { gt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 50,
  });
  return rows.map(toExportDto);
}

export interface ExportDownload {
  stream: Readable;
  size: number;
  fileName: string;
}

/** A ready export's zip, streamed from media storage; 409 while it is not ready. */
export async function openExportDownload({
  userId,
  exportId,
}: {
  userId: string;
  exportId: string;
}): Promise<ExportDownload> {
  await spend(userId, 'read', COST.read);
  const row = await ownJob(userId, exportId);
  if (row.status !== 'READY' || !row.storageKey || (row.expiresAt && row.expiresAt <= new Date())) {
    throw new AppError(
      'CONFLICT',
      row.status === 'EXPIRED' || row.status === 'READY'
        ? 'This export has expired: ask for a new one.'
        : 'This export is not ready yet.',
    );
  }
  try {
    const stream = await mediaStorage().get(row.storageKey);
    const day = row.createdAt.toISOString().slice(0, 10);
    return { stream, size: Number(row.size ?? 0), fileName: `chat-export-${day}-${row.id.slice(-8)}.zip` };
  } catch (error) {
    if (error instanceof StorageMissing)
      throw new AppError('CONFLICT', 'This export has expired: ask for a new one.');
    throw error;
  }
}
