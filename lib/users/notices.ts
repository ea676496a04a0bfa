// Messages from the platform to one person: a report's confirmation and
// decision, a moderator's warning. Kept until read; announced live.
import { db } from '../db';
import { announce } from '../events/bus';
import type { DbClient } from '../chat/store/sql';
import type { DomainEvent } from '../events/types';
import { COST, spend } from '../user-budget';
import type { NoticeDto, NoticeKind } from '../../sdk/src/protocol/users';

export type { NoticeDto, NoticeKind };

function toNoticeDto(row: {
  id: string;
  userId: string;
  kind: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}): NoticeDto {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind as NoticeKind,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Stores a notice. Inside a transaction pass its client and `events` (the
 * notice is announced once it commits); otherwise it is announced at once.
 */
export async function createNotice(
  { userId, kind, text }: { userId: string; kind: NoticeKind; text: string },
  tx?: { client: DbClient; events: DomainEvent[] },
): Promise<NoticeDto> {
  const row = await (tx?.client ?? db()).userNotice.create({ data: { userId, kind, text } });
  const event: DomainEvent = { type: 'notice.created', actor: { userId: null }, notice: toNoticeDto(row) };
  if (tx) tx.events.push(event);
  else announce(event);
  return toNoticeDto(row);
}

/** The caller's notices, newest first (the latest 50). */
export async function listNotices({ userId }: { userId: string }): Promise<NoticeDto[]> {
  await spend(userId, 'read', COST.list);
  const rows = await db().userNotice.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: 50,
  });
  return rows.map(toNoticeDto);
}

/** Marks all the caller's notices read. */
export async function markNoticesRead({ userId }: { userId: string }): Promise<void> {
  await spend(userId, 'write', COST.markRead);
  await db().userNotice.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
