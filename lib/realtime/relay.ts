// Domain events to Socket.IO: the one subscriber that knows about rooms and
// sockets. Event names, payloads, rooms and echo rules are the protocol's
// (README, lib/realtime/events.ts).
import { subscribe } from '../events/bus';
import type { Actor, DomainEvent, DomainEventType, EventOf } from '../events/types';
import type { ChatServer } from './attach';
import { blockPartnerRooms, chatRoom, sessionRoom, userRoom } from './rooms';

type Handlers = { [T in DomainEventType]: (io: ChatServer, event: EventOf<T>) => void };

/** The chat's room, less the connection the change came from: its ack answered it. */
const room = (io: ChatServer, chatId: string, actor: Actor) =>
  actor.origin ? io.to(chatRoom(chatId)).except(actor.origin) : io.to(chatRoom(chatId));

const handlers: Handlers = {
  'message.sent': (io, { message, actor }) =>
    room(io, message.chatId, actor).emit('message_received', message),
  'message.edited': (io, { message, actor }) =>
    room(io, message.chatId, actor).emit('message_edited', message),
  'message.deleted': (io, { message, actor }) =>
    room(io, message.chatId, actor).emit('message_deleted', message),
  // The person's other tabs and devices; the one it came from has its ack.
  'message.hidden': (io, { userId, hidden, actor }) => {
    const mine = io.to(userRoom(userId));
    (actor.origin ? mine.except(actor.origin) : mine).emit('message_hidden', hidden);
  },
  // Not to anyone with a block with the reader (a group they share).
  'receipt.moved': (io, { receipt, actor }) =>
    void blockPartnerRooms(receipt.userId)
      .catch(() => [])
      .then((blocked) => room(io, receipt.chatId, actor).except(blocked).emit('messages_read', receipt)),
  // Every participant's sockets join the new chat's room and hear of it.
  'chat.created': (io, { chat }) => {
    const users = chat.participants.map((p) => userRoom(p.id));
    io.in(users).socketsJoin(chatRoom(chat.id));
    io.to(users).emit('chat_created', chat);
  },
  'chat.updated': (io, { chat }) => io.to(chatRoom(chat.id)).emit('chat_updated', chat),
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
    io.to(added).emit('chat_created', chat);
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
};

/** Relays every domain event to `io`'s clients; returns the unsubscription. */
export function relayDomainEvents(io: ChatServer): () => void {
  return subscribe('realtime', (event) => {
    (handlers[event.type] as (io: ChatServer, event: DomainEvent) => void)(io, event);
  });
}
