// The platform word list, managed in the moderation console by moderators
// and admins (404 for everyone else). Every change is audited in its own
// transaction and rebuilds this process's filter at once; other processes
// pick it up within REFRESH_MS (active-word-filter.ts).
import { isId } from '../chat/store/ids';
import { db } from '../db';
import { AppError, isUniqueViolation } from '../errors';
import { COST, spend } from '../user-budget';
import { requirePlatformRole } from '../users/platform-role';
import type { AddFilterWordInput } from '../validations/word-lists';
import { reloadWordFilter } from './active-word-filter';
import { recordAudit } from './audit';
import type { FilterAction } from './word-filter';

/** Every word is a pattern checked on each message: the list stays small enough to keep sends fast. */
export const FILTER_WORDS_MAX = 2000;

export interface FilterWordDto {
  id: string;
  word: string;
  action: FilterAction;
  createdAt: string;
}

function toFilterWordDto(row: {
  id: string;
  word: string;
  action: 'BLOCK' | 'FLAG';
  createdAt: Date;
}): FilterWordDto {
  return {
    id: row.id,
    word: row.word,
    action: row.action === 'BLOCK' ? 'block' : 'flag',
    createdAt: row.createdAt.toISOString(),
  };
}

/** The whole list, alphabetically. */
export async function listFilterWords({ userId }: { userId: string }): Promise<FilterWordDto[]> {
  await spend(userId, 'read', COST.read);
  await requirePlatformRole(userId, 'MODERATOR');
  const rows = await db().filterWord.findMany({ orderBy: { word: 'asc' } });
  return rows.map(toFilterWordDto);
}

export async function addFilterWord({
  userId,
  input,
}: {
  userId: string;
  input: AddFilterWordInput;
}): Promise<FilterWordDto> {
  await spend(userId, 'write', COST.words);
  await requirePlatformRole(userId, 'MODERATOR');
  const action = input.action === 'block' ? 'BLOCK' : 'FLAG';
  let row;
  try {
    row = await db().$transaction(async (tx) => {
      if ((await tx.filterWord.count()) >= FILTER_WORDS_MAX) {
        throw new AppError('CONFLICT', `The word list is full: it holds at most ${FILTER_WORDS_MAX} words.`);
      }
      const created = await tx.filterWord.create({ data: { word: input.word, action, createdById: userId } });
      await recordAudit(tx, {
        actorId: userId,
        action: 'word.added',
        details: { wordId: created.id, word: created.word, action: input.action },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `“${input.word}” is already on the word list.`);
    }
    throw error;
  }
  await reloadWordFilter();
  return toFilterWordDto(row);
}

export async function removeFilterWord({
  userId,
  wordId,
}: {
  userId: string;
  wordId: string;
}): Promise<void> {
  await spend(userId, 'write', COST.words);
  await requirePlatformRole(userId, 'MODERATOR');
  const notFound = () => new AppError('NOT_FOUND', 'This word is not on the list.');
  if (!isId(wordId)) throw notFound();
  await db().$transaction(async (tx) => {
    const [removed] = await tx.$queryRaw<Array<{ id: string; word: string; action: 'BLOCK' | 'FLAG' }>>`
      DELETE FROM "FilterWord" WHERE id = ${wordId}::uuid RETURNING id, word, action`;
    if (!removed) throw notFound();
    await recordAudit(tx, {
      actorId: userId,
      action: 'word.removed',
      details: {
        wordId: removed.id,
        word: removed.word,
        action: removed.action === 'BLOCK' ? 'block' : 'flag',
      },
    });
  });
  await reloadWordFilter();
}
