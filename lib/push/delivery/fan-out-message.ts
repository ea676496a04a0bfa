// A new message → one push per away recipient's browser. The rules
// (rules/decide.ts) run on one query's worth of facts per chat; only
// participants who have a subscription are read, so a large group costs
// what its subscribed members cost.
import type { AttachmentDto, ChatType, MentionDto, MessageType } from '../../chat/dto';
import { NOW, sql } from '../../chat/store/sql';
import { UNREAD_OF_P } from '../../chat/unread-count';
import { db } from '../../db';
import type { NotificationPreview } from '../../generated/prisma/client';
import { decide, type Recipient } from '../rules/decide';
import { messagePush } from '../rules/payload';
import type { PushJob } from '../queue/types';
import type { PushContext } from './context';
import { queuePushes, subscriptionsOf } from './queue-pushes';
import { badgesOf } from './unread';

interface MessageRow {
  chatId: string;
  seq: number;
  senderId: string | null;
  senderName: string | null;
  type: MessageType;
  content: string;
  attachments: unknown;
  flagged: boolean;
  mentions: MentionDto[] | null;
  deletedAt: Date | null;
  createdAt: Date;
  chatType: ChatType;
  chatName: string | null;
}

async function readMessage(messageId: string): Promise<MessageRow | undefined> {
  const [message] = await db().$queryRaw<MessageRow[]>(sql`
    SELECT m."chatId", m.seq, m."senderId", u.name AS "senderName", m.type::text AS type, m.content,
           m.attachments, m.flagged, m.mentions, m."deletedAt", m."createdAt", c.type::text AS "chatType", c.name AS "chatName"
    FROM "ChatMessage" m
    JOIN "ChatSession" c ON c.id = m."chatId"
    LEFT JOIN "User" u ON u.id = m."senderId"
    WHERE m.id = ${messageId}::uuid`);
  return message;
}

interface RecipientRow {
  userId: string;
  lastReadSeq: number;
  mutedUntil: Date | null;
  muteMentions: boolean;
  blocksSender: boolean;
  unread: number;
  preview: NotificationPreview | null;
  quietStart: number | null;
  quietEnd: number | null;
  timeZone: string | null;
  quietAllowsDirect: boolean | null;
}

/**
 * Most messages go to people with no subscription, or to nobody away: the
 * recipients are asked for first (the job names the chat and sender), so
 * such a message costs one query, and the message itself is read only when
 * someone may get a push.
 */
export async function fanOutMessage(
  ctx: PushContext,
  job: Extract<PushJob, { kind: 'message' }>,
): Promise<void> {
  const { messageId } = job;
  let chatId = job.chatId;
  let senderId = job.senderId;
  let message: MessageRow | undefined;
  if (chatId === undefined || senderId === undefined) {
    message = await readMessage(messageId);
    if (!message) return;
    ({ chatId, senderId } = message);
  }
  if (!senderId) return;

  const rows = await db().$queryRaw<RecipientRow[]>(sql`
    SELECT p."userId", p."lastReadSeq", p."mutedUntil", p."muteMentions",
           EXISTS (SELECT 1 FROM "UserBlock" b
                   WHERE b."blockerId" = p."userId" AND b."blockedId" = ${senderId}::uuid) AS "blocksSender",
           ${UNREAD_OF_P} AS unread,
           s.preview::text AS preview, s."quietStart", s."quietEnd", s."timeZone", s."quietAllowsDirect"
    FROM "ChatParticipant" p
    LEFT JOIN "NotificationSettings" s ON s."userId" = p."userId"
    WHERE p."chatId" = ${chatId}::uuid AND p."leftAt" IS NULL AND p."userId" <> ${senderId}::uuid
      AND EXISTS (SELECT 1 FROM "PushSubscription" ps WHERE ps."userId" = p."userId")`);
  if (rows.length === 0) return;
  message ??= await readMessage(messageId);
  if (!message || message.type === 'SYSTEM' || message.deletedAt) return;

  const focused = await ctx.focus.activeAmong(rows.map((r) => r.userId));
  const incoming = { senderId, seq: message.seq, type: message.type, deleted: false, at: new Date() };
  const mentioned = new Set((message.mentions ?? []).map((m) => m.userId));
  const pushed = new Map<string, RecipientRow>();
  for (const row of rows) {
    const recipient: Recipient = {
      userId: row.userId,
      chatType: message.chatType,
      lastReadSeq: row.lastReadSeq,
      mutedUntil: row.mutedUntil,
      blocksSender: row.blocksSender,
      focused: focused.has(row.userId),
      mentioned: mentioned.has(row.userId),
      muteMentions: row.muteMentions,
      quietHours:
        row.quietStart !== null && row.quietEnd !== null && row.timeZone
          ? {
              start: row.quietStart,
              end: row.quietEnd,
              timeZone: row.timeZone,
              allowDirectChats: !!row.quietAllowsDirect,
            }
          : null,
    };
    const decision = decide(incoming, recipient);
    if ('push' in decision) pushed.set(row.userId, row);
    else ctx.log.debug({ userId: row.userId, messageId, skip: decision.skip }, 'no push');
  }
  if (pushed.size === 0) return;

  // The chat's notification now stands for this message: reading past it closes it (fan-out-read.ts).
  // Only where it is still unread; whoever read it meanwhile gets nothing. A
  // mute set meanwhile stops it, except for a mention the mute lets through.
  const marked = await db().$queryRaw<Array<{ userId: string }>>(sql`
    UPDATE "ChatParticipant" SET "pushedSeq" = GREATEST(COALESCE("pushedSeq", 0), ${message.seq})
    WHERE "chatId" = ${message.chatId}::uuid AND "userId" = ANY(${[...pushed.keys()]}::uuid[])
      AND "lastReadSeq" < ${message.seq} AND "leftAt" IS NULL
      AND ("mutedUntil" IS NULL OR "mutedUntil" <= ${NOW}
           OR ("userId" = ANY(${[...mentioned]}::uuid[]) AND NOT "muteMentions"))
    RETURNING "userId"`);
  const userIds = marked.map((m) => m.userId);
  const [badges, subscriptions] = await Promise.all([badgesOf(userIds), subscriptionsOf(userIds)]);
  await queuePushes(
    ctx,
    subscriptions,
    (s) => {
      const row = pushed.get(s.userId);
      return messagePush({
        preview: (row?.preview?.toLowerCase() ?? 'sender') as 'full' | 'sender' | 'none',
        chat: { id: message.chatId, type: message.chatType, name: message.chatName },
        sender: { name: message.senderName ?? 'Someone' },
        message: {
          ...message,
          attachments: (message.attachments as AttachmentDto[] | null) ?? null,
          createdAt: message.createdAt.toISOString(),
        },
        unread: row?.unread ?? 1,
        badge: badges.get(s.userId) ?? row?.unread ?? 1,
        mentioned: mentioned.has(s.userId),
      });
    },
    (s) => `m:${messageId}:${s.id}`,
  );
}
