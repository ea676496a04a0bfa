import { notInChat } from '../chat/rules/access';
import { isId } from '../chat/store/ids';
import { NOW, type DbClient } from '../chat/store/sql';
import { env } from '../env';
import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import { COST, spend } from '../user-budget';
import type { CreateExportInput } from '../validations/exports';
import { toExportDto, type ExportDto } from './dto';
import { wakeExportWorker } from './wake';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Queues an export of a chat the caller is or was in (what they could see
 * while in it: lib/exports/build/messages.ts), or of their whole account.
 * One queued or running export per person (409 names the one in progress),
 * and EXPORTS_PER_DAY in any 24 hours (429). A worker of some process
 * builds it (lib/exports/worker.ts).
 */
export async function createExport({
  userId,
  input,
}: {
  userId: string;
  input: CreateExportInput;
}): Promise<ExportDto> {
  await spend(userId, 'write', COST.export);
  const chatId = input.scope === 'chat' ? input.chatId : undefined;
  if (input.scope === 'chat' && (!chatId || !isId(chatId))) throw notInChat();
  const row = await inTransaction(async (tx) => {
    // Serialises one person's requests, so two at once cannot both pass the checks.
    await tx.$queryRaw`SELECT 1 AS held FROM pg_advisory_xact_lock(hashtextextended(${`export:${userId}`}, 0))`;
    if (chatId) await requireEverParticipant(tx, userId, chatId);
    await requireRoom(tx, userId);
    return tx.exportJob.create({
      data: {
        userId,
        scope: input.scope === 'chat' ? 'CHAT' : 'ACCOUNT',
        chatId: chatId ?? null,
        format: (input.format ?? 'both').toUpperCase() as 'JSON' | 'HTML' | 'BOTH',
        includeMedia: input.includeMedia ?? true,
      },
    });
  });
  wakeExportWorker();
  return toExportDto(row);
}

async function requireEverParticipant(tx: DbClient, userId: string, chatId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "ChatParticipant" WHERE "chatId" = ${chatId}::uuid AND "userId" = ${userId}::uuid`;
  if (rows.length === 0) throw notInChat();
}

async function requireRoom(tx: DbClient, userId: string): Promise<void> {
  const [clock] = await tx.$queryRaw<Array<{ now: Date }>>`SELECT ${NOW} AS now`;
  const now = clock!.now;
  const recent = await tx.exportJob.findMany({
    where: { userId, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  const active = await tx.exportJob.findFirst({
    where: { userId, status: { in: ['QUEUED', 'RUNNING'] } },
    select: { id: true },
  });
  if (active) {
    throw new AppError(
      'CONFLICT',
      `Your export ${active.id} is still being prepared: wait for it, or delete it, before asking for another.`,
    );
  }
  const limit = env().EXPORTS_PER_DAY;
  if (recent.length < limit) return;
  const freedBy = recent[recent.length - limit]!.createdAt.getTime() + DAY_MS;
  const seconds = Math.max(1, Math.ceil((freedBy - now.getTime()) / 1000));
  throw new AppError(
    'RATE_LIMITED',
    `You can ask for ${limit} exports a day. Try again in ${Math.ceil(seconds / 60)} min.`,
    seconds,
  );
}
