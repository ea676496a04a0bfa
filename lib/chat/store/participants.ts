// Membership writes for updateChat, one statement each. Callers hold the
// chat lock (lockChat) and have authorised the change.
import type { Role } from '../dto';
import { NOW, type DbClient } from './sql';

/**
 * Adds people as MEMBERs; those who had left rejoin (new joinedAt, role
 * reset). Current participants are left as they are. Newcomers start with
 * everything so far counted as read, so their unread count begins with the
 * notice that they were added. Returns who was actually added.
 */
export async function addParticipants(tx: DbClient, chatId: string, userIds: string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ userId: string }>>`
    INSERT INTO "ChatParticipant" ("chatId", "userId", role, "joinedAt", "lastReadSeq", "lastDeliveredSeq")
    SELECT s.id, u.id, 'MEMBER', ${NOW}, s."lastSeq", s."lastSeq"
    FROM "ChatSession" s CROSS JOIN unnest(${userIds}::uuid[]) AS u(id)
    WHERE s.id = ${chatId}::uuid
    ON CONFLICT ("chatId", "userId") DO UPDATE
    SET "leftAt" = NULL, "hiddenAt" = NULL, role = 'MEMBER', "joinedAt" = EXCLUDED."joinedAt",
        "lastReadSeq" = GREATEST("ChatParticipant"."lastReadSeq", EXCLUDED."lastReadSeq"),
        "lastDeliveredSeq" = GREATEST("ChatParticipant"."lastDeliveredSeq", EXCLUDED."lastDeliveredSeq")
    WHERE "ChatParticipant"."leftAt" IS NOT NULL
    RETURNING "userId"`;
  return rows.map((r) => r.userId);
}

/** Marks current participants as having left. Returns who was actually removed. */
export async function removeParticipants(tx: DbClient, chatId: string, userIds: string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ userId: string }>>`
    UPDATE "ChatParticipant" SET "leftAt" = ${NOW}
    WHERE "chatId" = ${chatId}::uuid AND "userId" = ANY(${userIds}::uuid[]) AND "leftAt" IS NULL
    RETURNING "userId"`;
  return rows.map((r) => r.userId);
}

/** Sets roles of current participants. Returns only the roles that changed. */
export async function setRoles(
  tx: DbClient,
  chatId: string,
  roles: Map<string, Role>,
): Promise<Array<{ userId: string; role: Role }>> {
  if (roles.size === 0) return [];
  return tx.$queryRaw<Array<{ userId: string; role: Role }>>`
    UPDATE "ChatParticipant" p SET role = r.role::"ParticipantRole"
    FROM unnest(${[...roles.keys()]}::uuid[], ${[...roles.values()]}::text[]) AS r("userId", role)
    WHERE p."chatId" = ${chatId}::uuid AND p."userId" = r."userId" AND p."leftAt" IS NULL
      AND p.role::text <> r.role
    RETURNING p."userId", p.role`;
}
