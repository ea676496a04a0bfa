// Domain events to Socket.IO: the one subscriber that knows about rooms and
// sockets. Event names, payloads, rooms and echo rules are the protocol's
// (README, lib/realtime/events.ts).
import type { ChatDto } from '../chat/dto';
import { subscribe } from '../events/bus';
import type { Actor, DomainEvent, DomainEventType, EventOf } from '../events/types';
import { listLiveChatIds } from '../chat/store/list-chat-ids';
import { logger } from '../logger';
import { metrics, secondsSince } from '../metrics';
import { chatAsSeenBy, receiptWithheldFrom } from '../users/privacy';
import type { ChatServer } from './attach';
import { blockPartnerRooms, chatRoom, sessionRoom, userRoom } from './rooms';

type Handlers = { [T in DomainEventType]: (io: ChatServer, event: EventOf<T>) => unknown };

/**
 * A chat as each of `userIds` may see it (others' reads and presence by
 * both sides' privacy settings), each to that person's sockets.
 */
const toEachAsSeen = async (
  io: ChatServer,
  userIds: string[],
  chat: ChatDto,
  emit: 'chat_created' | 'chat_updated',
) => {
  const views = await Promise.all(userIds.map((id) => chatAsSeenBy(id, chat)));
  userIds.forEach((id, i) => io.to(userRoom(id)).emit(emit, views[i] ?? chat));
};

/** The chat's room, less the connection the change came from: its ack answered it. */
const room = (io: ChatServer, chatId: string, actor: Actor) =>
  actor.origin ? io.to(chatRoom(chatId)).except(actor.origin) : io.to(chatRoom(chatId));

const handlers: Handlers = {
  'message.sent': (io, { message, actor }) =>
    room(io, message.chatId, actor).emit('message_received', message),
  // Reactions depend on who looks: the edit leaves them out (EditedMessageDto).
  'message.edited': (io, { message: { reactions: _, ...message }, actor }) =>
    room(io, message.chatId, actor).emit('message_edited', message),
  'message.deleted': (io, { message, actor }) =>
    room(io, message.chatId, actor).emit('message_deleted', message),
  // The person's other tabs and devices; the one it came from has its ack.
  'message.hidden': (io, { userId, hidden, actor }) => {
    const mine = io.to(userRoom(userId));
    (actor.origin ? mine.except(actor.origin) : mine).emit('message_hidden', hidden);
  },
  // Not to anyone with a block with the reader (a group they share), nor
  // across read receipts turned off on either side: then only the reader's
  // own other sockets hear it (lib/users/privacy.ts).
  'receipt.moved': (io, { receipt, actor }) =>
    void Promise.all([
      blockPartnerRooms(receipt.userId).catch(() => []),
      receiptWithheldFrom(receipt.userId, receipt.chatId),
    ])
      .then(([blocked, withheld]) => {
        const to =
          withheld === 'all'
            ? io.to(userRoom(receipt.userId))
            : io.to(chatRoom(receipt.chatId)).except([...blocked, ...withheld.map(userRoom)]);
        (actor.origin ? to.except(actor.origin) : to).emit('messages_read', receipt);
      })
      .catch((err: unknown) => logger().error({ err }, 'read receipt relay failed')),
  // Not to anyone with a block with the person who reacted (a group they share).
  'reaction.added': (io, { reaction, actor }) =>
    void blockPartnerRooms(reaction.userId)
      .catch(() => [])
      .then((blocked) => room(io, reaction.chatId, actor).except(blocked).emit('reaction_added', reaction)),
  'reaction.removed': (io, { reaction, actor }) =>
    void blockPartnerRooms(reaction.userId)
      .catch(() => [])
      .then((blocked) => room(io, reaction.chatId, actor).except(blocked).emit('reaction_removed', reaction)),
  // Every participant's sockets join the new chat's room and hear of it.
  'chat.created': (io, { chat }) => {
    const ids = chat.participants.map((p) => p.id);
    io.in(ids.map(userRoom)).socketsJoin(chatRoom(chat.id));
    return toEachAsSeen(io, ids, chat, 'chat_created');
  },
  'chat.updated': (io, { chat }) =>
    toEachAsSeen(
      io,
      chat.participants.map((p) => p.id),
      chat,
      'chat_updated',
    ),
  // Tell the room, then empty it.
  'chat.deleted': (io, { chatId, userIds = [] }) => {
    io.to([chatRoom(chatId), ...userIds.map(userRoom)]).emit('chat_deleted', { chatId });
    io.in(chatRoom(chatId)).socketsLeave(chatRoom(chatId));
  },
  // Added users' sockets join the room and hear of the chat as new to them.
  'member.added': (io, { chat, userIds }) => {
    const added = userIds.map(userRoom);
    if (added.length === 0) return;
    io.in(added).socketsJoin(chatRoom(chat.id));
    return toEachAsSeen(io, userIds, chat, 'chat_created');
  },
  // Tell the room and the person, then take their sockets out of it at once.
  'member.removed': (io, { chatId, userId, left, actor }) => {
    const removedBy = left ? null : actor.userId;
    io.to([chatRoom(chatId), userRoom(userId)]).emit('participant_left', { chatId, userId, removedBy });
    io.in(userRoom(userId)).socketsLeave(chatRoom(chatId));
  },
  'session.ended': (io, { sessionId }) => io.in(sessionRoom(sessionId)).disconnectSockets(true),
  'credentials.revoked': (io, { userId }) => io.in(userRoom(userId)).disconnectSockets(true),
  // Both people hear the same neutral news, whoever closed it; then the room goes quiet.
  'chat.closed': (io, { chat }) => {
    const users = chat.participants.map((p) => userRoom(p.id));
    io.to(users).emit('chat_closed', { chatId: chat.id, closedAt: chat.closedAt });
    io.in(users).socketsLeave(chatRoom(chat.id));
  },
  'notice.created': (io, { notice }) => io.to(userRoom(notice.userId)).emit('notice', notice),
  // Their direct chat goes quiet for both (no typing, receipts or messages);
  // only the blocker's own tabs hear of it: blocking is silent.
  'block.added': (io, { blockerId, blockedId, directChatId }) => {
    if (directChatId) io.in([userRoom(blockerId), userRoom(blockedId)]).socketsLeave(chatRoom(directChatId));
    io.to(userRoom(blockerId)).emit('user_blocked', { userId: blockedId });
  },
  'block.removed': (io, { blockerId, blockedId, directChatId }) => {
    if (directChatId) io.in([userRoom(blockerId), userRoom(blockedId)]).socketsJoin(chatRoom(directChatId));
    io.to(userRoom(blockerId)).emit('user_unblocked', { userId: blockedId });
  },
  // The person's own sockets, less the one whose ack answered it.
  // Last seen turned to nobody: the people of their chats see them go offline now, not at the next reload.
  'settings.updated': async (io, { userId, settings, actor }) => {
    const to = io.to(userRoom(userId));
    (actor.origin ? to.except(actor.origin) : to).emit('settings_updated', settings);
    if (settings.lastSeen !== 'nobody') return;
    const chats = await listLiveChatIds({ userId });
    if (chats.length > 0) {
      io.to(chats.map(chatRoom))
        .except(userRoom(userId))
        .emit('presence_update', { userId, status: 'offline', lastSeenAt: null });
    }
  },
  'export.progress': (io, { userId, exportId, progress }) =>
    void io.to(userRoom(userId)).emit('export_progress', { exportId, progress }),
  'export.ready': (io, { userId, export: job }) =>
    void io.to(userRoom(userId)).emit('export_ready', {
      exportId: job.id,
      size: job.size ?? 0,
      expiresAt: job.expiresAt ?? '',
      downloadUrl: job.downloadUrl ?? '',
    }),
  'export.failed': (io, { userId, export: job }) =>
    void io.to(userRoom(userId)).emit('export_failed', { exportId: job.id, error: job.error ?? '' }),
  'invitation.created': (io, { inviteeId, invitation }) =>
    void io.to(userRoom(inviteeId)).emit('group_invitation', invitation),
  'invitation.closed': (io, { inviteeId, invitationId }) =>
    void io.to(userRoom(inviteeId)).emit('group_invitation_closed', { invitationId }),
};

/** The chat an event happens in, if any: its events go out in the order announced. */
function chatOf(event: DomainEvent): string | undefined {
  if ('message' in event) return event.message.chatId;
  if ('chat' in event) return event.chat.id;
  if ('chatId' in event) return event.chatId;
  return undefined;
}

/** Relays every domain event to `io`'s clients; returns the unsubscription. */
export function relayDomainEvents(io: ChatServer): () => void {
  // Per chat, the relay of an event that must first look something up (each
  // member's view of a chat) holds back the chat's later events, so a
  // member added hears of the group before its notices. Others go at once.
  const pending = new Map<string, Promise<void>>();
  const { fanoutLatency } = metrics();
  const latencies = new Map<DomainEventType, ReturnType<typeof fanoutLatency.labels>>();
  const observe = (type: DomainEventType, started: number) => {
    let latency = latencies.get(type);
    if (!latency) latencies.set(type, (latency = fanoutLatency.labels(type)));
    latency.observe(secondsSince(started));
  };
  const run = (event: DomainEvent, started: number): Promise<void> | undefined => {
    const done = (handlers[event.type] as (io: ChatServer, e: DomainEvent) => unknown)(io, event);
    if (done instanceof Promise) return done.then(() => observe(event.type, started));
    observe(event.type, started);
    return undefined;
  };
  const hold = (chatId: string, work: Promise<void>) => {
    const settled = work.catch((err: unknown) => logger().error({ err }, 'relay failed'));
    pending.set(chatId, settled);
    void settled.then(() => {
      if (pending.get(chatId) === settled) pending.delete(chatId);
    });
  };
  return subscribe('realtime', (event) => {
    const started = performance.now();
    const chatId = chatOf(event);
    const before = chatId === undefined ? undefined : pending.get(chatId);
    if (chatId !== undefined && before)
      return hold(
        chatId,
        before.then(() => run(event, started)),
      );
    const done = run(event, started);
    if (done && chatId !== undefined) hold(chatId, done);
  });
}
