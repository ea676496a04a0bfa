import type { PresenceStatus } from '../chat/dto';
import { db } from '../db';

const STORED = { online: 'ONLINE', away: 'AWAY', busy: 'BUSY', offline: 'OFFLINE' } as const;

/** Persists a presence transition (never per keystroke: only when the status changes). */
export async function recordPresence({
  userId,
  status,
  lastSeenAt,
}: {
  userId: string;
  status: PresenceStatus;
  lastSeenAt?: Date;
}): Promise<void> {
  const data = { status: STORED[status], ...(lastSeenAt ? { lastSeenAt } : {}) };
  await db().userPresence.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}
