import { db } from '../db';
import type { PublicUser } from '../users/dto';
import { pageSize } from './paging';
import { escapeLike } from './sql';

export interface SearchUsersOptions {
  /** The caller, left out of the results. */
  userId: string;
  q: string;
  limit?: number;
}

/**
 * People to start a chat with, by a fragment of their name or of the part of
 * their email before the @ (or an address typed from its start). A domain
 * alone ("example.com") matches no email: it would list a whole company.
 * Returns public fields only; email never leaves the server.
 */
export async function searchUsers({ userId, q, limit }: SearchUsersOptions): Promise<PublicUser[]> {
  const text = q.trim().toLowerCase();
  if (text.length === 0) return [];
  const literal = escapeLike(text);
  const email = text.includes('@') && !text.startsWith('@') ? `${literal}%` : `%${literal}%@%`;
  // Served by the trigram indexes on lower(name) and email.
  return db().$queryRaw<PublicUser[]>`
    SELECT id, name, "avatarUrl" FROM "User"
    WHERE id <> ${userId}::uuid AND (lower(name) LIKE ${`%${literal}%`} OR email LIKE ${email})
    ORDER BY email = ${text} DESC, lower(name) LIKE ${`${literal}%`} DESC, lower(name), id
    LIMIT ${pageSize(limit)}`;
}
