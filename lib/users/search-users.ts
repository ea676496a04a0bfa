import { db } from '../db';
import { env } from '../env';
import { empty, sql } from '../chat/store/sql';
import type { PublicUser } from './dto';
import { pageSize } from '../chat/rules/paging';
import { escapeLike } from '../chat/store/sql';
import { COST, spend } from '../user-budget';

export interface SearchUsersOptions {
  /** The caller, left out of the results. */
  userId: string;
  q: string;
  limit?: number;
}

/**
 * People to start a chat with, by a fragment of their name. Email addresses
 * are never matched, not even whole: a search that answered for an address
 * would tell anyone whether it has an account. Someone who blocks the
 * caller, or whose account is deleted, is not found; with DM_POLICY=matched, only the caller's matches
 * are. Returns public fields only.
 */
export async function searchUsers({ userId, q, limit }: SearchUsersOptions): Promise<PublicUser[]> {
  await spend(userId, 'read', COST.search);
  const text = q.trim().toLowerCase();
  if (text.length === 0) return [];
  const literal = escapeLike(text);
  const matchedOnly =
    env().DM_POLICY === 'matched'
      ? sql`AND EXISTS (SELECT 1 FROM "UserMatch" m
              WHERE (m."userAId", m."userBId") IN ((${userId}::uuid, "User".id), ("User".id, ${userId}::uuid)))`
      : empty;
  // Served by the trigram index on lower(name).
  return db().$queryRaw<PublicUser[]>`
    SELECT id, name, "avatarUrl" FROM "User"
    WHERE id <> ${userId}::uuid AND lower(name) LIKE ${`%${literal}%`}
      AND "deletionRequestedAt" IS NULL AND "erasedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "UserBlock" b WHERE b."blockerId" = "User".id AND b."blockedId" = ${userId}::uuid)
      ${matchedOnly}
    ORDER BY lower(name) LIKE ${`${literal}%`} DESC, lower(name), id
    LIMIT ${pageSize(limit)}`;
}
