// Group invitations: someone's groupInvites setting ("chats": only people
// they have a direct chat with; "nobody") kept another from adding them to a
// group, so they were invited instead, and join only by accepting. Nobody
// but the invitee sees an invitation; the adder is told only that it was sent.
import { AppError } from '../errors';
import { announce } from '../events/bus';
import { inTransaction } from '../events/transaction';
import { db } from '../db';
import type { ChatDto } from '../chat/dto';
import { lockChat } from '../chat/rules/access';
import { notices } from '../chat/rules/notices';
import { assertGroupSize } from '../chat/rules/policy';
import { isId, newId } from '../chat/store/ids';
import type { DomainEvent } from '../events/types';
import { loadChat } from '../chat/store/load-chat';
import { addParticipants } from '../chat/store/participants';
import { appendSystemMessage } from '../chat/store/system-message';
import type { DbClient } from '../chat/store/sql';
import { COST, spend } from '../user-budget';
import { toPublicUser } from './dto';
import type { InvitationDto } from '../../sdk/src/protocol/users';
import { chatAsSeenBy } from './privacy';
import { settingsOf } from './settings';

export type { InvitationDto };

/**
 * Of the people `adderId` adds to a group, who may be added (`add`) and who
 * is to be invited (`invite`), by each person's groupInvites setting. People
 * who blocked the adder are in neither: the adder is not told (a block is
 * silent). Someone the adder blocked may be added: that is the adder's own
 * choice, and in a shared group the block still holds their messages back
 * behind a tap.
 */
export async function sortAdditions(
  tx: DbClient,
  adderId: string,
  userIds: string[],
): Promise<{ add: string[]; invite: string[] }> {
  if (userIds.length === 0) return { add: [], invite: [] };
  // In the transaction: on PGlite it holds the one connection.
  const settings = await settingsOf(userIds, tx);
  const blocked = (
    await tx.$queryRaw<Array<{ id: string }>>`
      SELECT "blockerId" AS id FROM "UserBlock" WHERE "blockedId" = ${adderId}::uuid`
  ).map((r) => r.id);
  const needsDirect = userIds.filter((id) => settings.get(id)?.groupInvites === 'chats');
  const direct = new Set(
    needsDirect.length === 0
      ? []
      : (
          await tx.$queryRaw<Array<{ userId: string }>>`
            SELECT o."userId" FROM "ChatParticipant" me
            JOIN "ChatSession" s ON s.id = me."chatId" AND s.type = 'DIRECT' AND s."closedAt" IS NULL
            JOIN "ChatParticipant" o ON o."chatId" = s.id AND o."userId" <> me."userId" AND o."leftAt" IS NULL
            WHERE me."userId" = ${adderId}::uuid AND me."leftAt" IS NULL
              AND o."userId" = ANY(${needsDirect}::uuid[])`
        ).map((r) => r.userId),
  );
  const add: string[] = [];
  const invite: string[] = [];
  for (const id of userIds) {
    if (blocked.includes(id)) continue;
    const audience = settings.get(id)?.groupInvites ?? 'everyone';
    if (audience === 'everyone' || (audience === 'chats' && direct.has(id))) add.push(id);
    else invite.push(id);
  }
  return { add, invite };
}

/** Invites people to a group (again: a repeated invitation is renewed); returns the announcements to make. */
export async function createInvitations(
  tx: DbClient,
  { chatId, inviterId, userIds }: { chatId: string; inviterId: string; userIds: string[] },
): Promise<DomainEvent[]> {
  if (userIds.length === 0) return [];
  const ids = userIds.map(() => newId());
  await tx.$executeRaw`
    INSERT INTO "GroupInvitation" (id, "chatId", "inviteeId", "inviterId", "createdAt")
    SELECT u.id, ${chatId}::uuid, u.invitee, ${inviterId}::uuid, now()
    FROM unnest(${ids}::uuid[], ${userIds}::uuid[]) AS u(id, invitee)
    ON CONFLICT ("chatId", "inviteeId") DO UPDATE SET "inviterId" = EXCLUDED."inviterId", "createdAt" = EXCLUDED."createdAt"`;
  const rows = await readInvitations(tx, { chatId, inviteeIds: userIds });
  return rows.map((row) => ({
    type: 'invitation.created',
    actor: { userId: inviterId },
    inviteeId: row.inviteeId,
    invitation: dto(row),
  }));
}

const dto = ({ inviteeId: _, ...rest }: InvitationDto & { inviteeId: string }): InvitationDto => rest;

async function readInvitations(
  client: DbClient,
  where: { inviteeIds: string[]; chatId?: string; id?: string },
): Promise<Array<InvitationDto & { inviteeId: string }>> {
  const rows = await client.groupInvitation.findMany({
    where: {
      inviteeId: { in: where.inviteeIds },
      ...(where.chatId && { chatId: where.chatId }),
      ...(where.id && { id: where.id }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: {
      id: true,
      inviteeId: true,
      createdAt: true,
      inviter: { select: { id: true, name: true, avatarUrl: true } },
      chat: {
        select: {
          id: true,
          name: true,
          avatarUrl: true,
          _count: { select: { participants: { where: { leftAt: null } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    inviteeId: r.inviteeId,
    chat: {
      id: r.chat.id,
      name: r.chat.name,
      avatarUrl: r.chat.avatarUrl,
      participantCount: r.chat._count.participants,
    },
    inviter: r.inviter ? toPublicUser(r.inviter) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The caller's open invitations, newest first. */
export async function listInvitations({ userId }: { userId: string }): Promise<InvitationDto[]> {
  await spend(userId, 'read', COST.read);
  return (await readInvitations(db(), { inviteeIds: [userId] })).map(dto);
}

function noSuchInvitation(): AppError {
  return new AppError('NOT_FOUND', 'This invitation does not exist or is no longer open.');
}

/** Joins the group the invitation is for; answers the chat as the new member sees it. */
export async function acceptInvitation({
  userId,
  invitationId,
}: {
  userId: string;
  invitationId: string;
}): Promise<ChatDto> {
  await spend(userId, 'write', COST.changeChat);
  if (!isId(invitationId)) throw noSuchInvitation();
  const chat = await inTransaction(async (tx, events) => {
    const invitation = await tx.groupInvitation.findFirst({
      where: { id: invitationId, inviteeId: userId },
      select: { id: true, chatId: true },
    });
    if (!invitation) throw noSuchInvitation();
    await lockChat(tx, invitation.chatId);
    await tx.groupInvitation.delete({ where: { id: invitation.id } });
    const members = await tx.chatParticipant.count({ where: { chatId: invitation.chatId, leftAt: null } });
    assertGroupSize(members + 1);
    const added = await addParticipants(tx, invitation.chatId, [userId]);
    const by = { userId };
    events.push({ type: 'invitation.closed', actor: by, inviteeId: userId, invitationId: invitation.id });
    const joined = await loadChat(tx, invitation.chatId);
    if (added.length === 0) return joined;
    const me = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    const notice = await appendSystemMessage(tx, {
      chatId: invitation.chatId,
      actorId: userId,
      content: notices.joined(me.name),
    });
    const chat = await loadChat(tx, invitation.chatId);
    events.push(
      { type: 'member.added', actor: by, chat, userIds: added },
      { type: 'chat.updated', actor: by, chat },
      { type: 'message.sent', actor: by, message: notice },
    );
    return chat;
  });
  return chatAsSeenBy(userId, chat);
}

/** Turns the invitation down; the inviter is not told. */
export async function declineInvitation({ userId, invitationId }: { userId: string; invitationId: string }) {
  await spend(userId, 'write', COST.edit);
  if (!isId(invitationId)) throw noSuchInvitation();
  const { count } = await db().groupInvitation.deleteMany({ where: { id: invitationId, inviteeId: userId } });
  if (count === 0) throw noSuchInvitation();
  announce({ type: 'invitation.closed', actor: { userId }, inviteeId: userId, invitationId });
}
