// What the chat services announce after a change is committed. REST and
// socket writes go through the same services, so they produce the same
// events. With no realtime server (scripts, some tests) these do nothing.
import type { ChatDto, MessageDto, ReadReceiptDto } from '../chat/dto';
import { realtime } from './hub';
import { chatRoom, sessionRoom, userRoom } from './rooms';

export interface PublishOptions {
  /** The socket that made the change; it gets its answer in the ack instead. */
  exceptSocketId?: string;
}

function room(chatId: string, options?: PublishOptions) {
  const io = realtime();
  if (!io) return undefined;
  const target = io.to(chatRoom(chatId));
  return options?.exceptSocketId ? target.except(options.exceptSocketId) : target;
}

export function publishMessage(message: MessageDto, options?: PublishOptions): void {
  room(message.chatId, options)?.emit('message_received', message);
}

export function publishMessageEdited(message: MessageDto, options?: PublishOptions): void {
  room(message.chatId, options)?.emit('message_edited', message);
}

export function publishMessageDeleted(message: MessageDto, options?: PublishOptions): void {
  room(message.chatId, options)?.emit('message_deleted', message);
}

export function publishRead(receipt: ReadReceiptDto, options?: PublishOptions): void {
  room(receipt.chatId, options)?.emit('messages_read', receipt);
}

/** A new chat: every participant's sockets join its room and hear of it. */
export function publishChatCreated(chat: ChatDto): void {
  const io = realtime();
  if (!io) return;
  const users = chat.participants.map((p) => userRoom(p.id));
  io.in(users).socketsJoin(chatRoom(chat.id));
  io.to(users).emit('chat_created', chat);
}

/**
 * A group changed (name, roles, members). Added users' sockets join the
 * room and hear `chat_created`; removed users' sockets leave it at once.
 */
export function publishChatUpdated(
  chat: ChatDto,
  change: { addedUserIds?: string[]; removedUserIds?: string[]; by: string | null } = { by: null },
): void {
  const io = realtime();
  if (!io) return;
  for (const userId of change.removedUserIds ?? []) publishParticipantLeft(chat.id, userId, change.by);
  const added = (change.addedUserIds ?? []).map(userRoom);
  if (added.length > 0) {
    io.in(added).socketsJoin(chatRoom(chat.id));
    io.to(added).emit('chat_created', chat);
  }
  io.to(chatRoom(chat.id)).emit('chat_updated', chat);
}

/** A participant left or was removed: tell the room, then take their sockets out of it. */
export function publishParticipantLeft(chatId: string, userId: string, removedBy: string | null): void {
  const io = realtime();
  if (!io) return;
  io.to([chatRoom(chatId), userRoom(userId)]).emit('participant_left', { chatId, userId, removedBy });
  io.in(userRoom(userId)).socketsLeave(chatRoom(chatId));
}

/** A group deleted for everyone: tell the room, then empty it. */
export function publishChatDeleted(chatId: string): void {
  const io = realtime();
  if (!io) return;
  io.to(chatRoom(chatId)).emit('chat_deleted', { chatId });
  io.in(chatRoom(chatId)).socketsLeave(chatRoom(chatId));
}

/** A browser session ended: its sockets close, on every process. */
export function disconnectSession(sessionId: string): void {
  realtime()?.in(sessionRoom(sessionId)).disconnectSockets(true);
}

/** All of a user's credentials were revoked: every socket of theirs closes, on every process. */
export function disconnectUser(userId: string): void {
  realtime()?.in(userRoom(userId)).disconnectSockets(true);
}
