import { db } from '../db';
import { AppError, isUniqueViolation } from '../errors';
import { announce } from '../events/bus';
import { inTransaction } from '../events/transaction';
import type { CreateChatInput } from '../validations/chat';
import type { ChatDto } from './dto';
import { loadChat } from './store/load-chat';
import { notices } from './rules/notices';
import { assertGroupSize, canStartDirectChat } from './rules/policy';
import { appendSystemMessage, userNames } from './store/system-message';
import { COST, spend } from '../user-budget';
import { createInvitations, sortAdditions } from '../users/invitations';
import { chatAsSeenBy } from '../users/privacy';

export interface CreateChatOptions {
  userId: string;
  input: CreateChatInput;
}

export interface CreateChatResult {
  chat: ChatDto;
  /** False when a DIRECT chat with this person already existed (it is returned, un-hidden). */
  created: boolean;
  /** A group's people whose groupInvites setting kept them out: they were sent an invitation. */
  invitedUserIds: string[];
}

/** Opens the DIRECT chat with a person (one per pair), or creates a group with the caller as ADMIN. */
export async function createChat({ userId, input }: CreateChatOptions): Promise<CreateChatResult> {
  await spend(userId, 'write', COST.createChat);
  const result =
    input.type === 'DIRECT'
      ? await openDirectChat(userId, input.targetUserId.toLowerCase())
      : await createGroup(userId, input);
  return { ...result, chat: await chatAsSeenBy(userId, result.chat) };
}

async function openDirectChat(userId: string, targetUserId: string): Promise<CreateChatResult> {
  const opened = await openDirect(userId, targetUserId);
  return { ...opened, invitedUserIds: [] };
}

async function openDirect(
  userId: string,
  targetUserId: string,
): Promise<Omit<CreateChatResult, 'invitedUserIds'>> {
  const verdict = await canStartDirectChat({ fromUserId: userId, toUserId: targetUserId });
  if (!verdict.allowed) throw verdict.error;
  // The same key from either side, so the unique index allows one chat per pair.
  const directKey = [userId, targetUserId].sort().join(':');
  const existing = await reopenDirectChat(directKey, userId);
  if (existing) return { chat: existing, created: false };
  try {
    const { id } = await db().chatSession.create({
      data: {
        type: 'DIRECT',
        directKey,
        createdById: userId,
        participants: { createMany: { data: [{ userId }, { userId: targetUserId }] } },
      },
      select: { id: true },
    });
    const chat = await loadChat(db(), id);
    announce({ type: 'chat.created', actor: { userId }, chat });
    return { chat, created: true };
  } catch (error) {
    // The other person (or a retry) created it a moment ago: that one is the chat.
    if (!isUniqueViolation(error)) throw error;
    const raced = await reopenDirectChat(directKey, userId);
    if (!raced) throw error;
    return { chat: raced, created: false };
  }
}

/** The existing DIRECT chat for this pair, shown again to the caller if they had hidden it. */
async function reopenDirectChat(directKey: string, userId: string): Promise<ChatDto | null> {
  const [row] = await db().$queryRaw<Array<{ chatId: string }>>`
    UPDATE "ChatParticipant" p SET "hiddenAt" = NULL
    FROM "ChatSession" s
    WHERE s."directKey" = ${directKey} AND p."chatId" = s.id AND p."userId" = ${userId}::uuid
    RETURNING p."chatId"`;
  return row ? loadChat(db(), row.chatId) : null;
}

async function createGroup(
  userId: string,
  input: Extract<CreateChatInput, { type: 'GROUP' }>,
): Promise<CreateChatResult> {
  const memberIds = [...new Set(input.participantIds.map((id) => id.toLowerCase()))].filter(
    (id) => id !== userId,
  );
  assertGroupSize(memberIds.length + 1);
  return inTransaction(async (tx, events) => {
    const names = await userNames(tx, [userId, ...memberIds], { addable: true });
    const missing = memberIds.filter((id) => !names.has(id)).length;
    if (missing > 0) {
      // Say how many, not which: the answer must not help map out who has an account.
      const who =
        missing === 1 ? 'One of the people you chose does' : `${missing} of the people you chose do`;
      throw new AppError('VALIDATION', `participantIds: ${who} not exist.`);
    }
    // People whose groupInvites setting does not let the caller add them are invited instead.
    const { add, invite } = await sortAdditions(tx, userId, memberIds);
    const { id } = await tx.chatSession.create({
      data: {
        type: 'GROUP',
        name: input.name,
        description: input.description,
        avatarUrl: input.avatarUrl,
        createdById: userId,
        participants: {
          createMany: {
            data: [{ userId, role: 'ADMIN' }, ...add.map((id) => ({ userId: id, role: 'MEMBER' as const }))],
          },
        },
      },
      select: { id: true },
    });
    const content = notices.created(names.get(userId) ?? '', input.name);
    const notice = await appendSystemMessage(tx, { chatId: id, actorId: userId, content });
    const created = await loadChat(tx, id);
    // The chat first: chat_created is what joins its members' sockets to the room.
    events.push(
      { type: 'chat.created', actor: { userId }, chat: created },
      { type: 'message.sent', actor: { userId }, message: notice },
      ...(await createInvitations(tx, { chatId: id, inviterId: userId, userIds: invite })),
    );
    return { chat: created, created: true, invitedUserIds: invite };
  });
}
