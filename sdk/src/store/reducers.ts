// Pure changes to the whole state, one per thing the server tells us. Each
// returns a new top-level object when anything changed, the same one otherwise.
import type {
  ChatDto,
  ChatListItemDto,
  EditedMessageDto,
  HiddenMessageDto,
  MessageDto,
  PresenceStatus,
  ReactionDto,
  ReactionEventDto,
  ReadReceiptDto,
} from '../protocol/index.js';
import type { ChatMessages, ChatState } from '../types.js';
import { emptyMessages, findSeq, putMessages, removeMessage } from './messages.js';

const activity = (chat: ChatListItemDto) =>
  chat.lastMessage?.createdAt ?? chat.lastMessageAt ?? chat.createdAt;

function order(chats: Record<string, ChatListItemDto>): string[] {
  return Object.values(chats)
    .sort((a, b) => (activity(a) < activity(b) ? 1 : activity(a) > activity(b) ? -1 : a.id < b.id ? -1 : 1))
    .map((c) => c.id);
}

/** Counts in my unread badge: someone else's live message after my read watermark. */
const isUnread = (m: MessageDto | EditedMessageDto, me: string | undefined, myRead: number) =>
  m.senderId !== null && m.senderId !== me && m.seq > myRead && !m.deletedAt;

const mentions = (m: MessageDto | EditedMessageDto, me: string | undefined) =>
  me !== undefined && m.mentions.some((x) => x.userId === me);

function withChats(state: ChatState, chats: Record<string, ChatListItemDto>): ChatState {
  return { ...state, chats, chatOrder: order(chats) };
}

/** Chats from the list (with counts) or from events and sync (without: the known counts stay). */
export function upsertChats(state: ChatState, incoming: Array<ChatDto | ChatListItemDto>): ChatState {
  if (incoming.length === 0) return state;
  const chats = { ...state.chats };
  const messages = { ...state.messages };
  const receipts = { ...state.receipts };
  const presence = { ...state.presence };
  const me = state.me?.id;
  for (const chat of incoming) {
    const known = chats[chat.id];
    let held = messages[chat.id] ?? emptyMessages(chat.lastSeq);
    let counts: Pick<ChatListItemDto, 'unreadCount' | 'mentionCount'> | undefined;
    if ('unreadCount' in chat) {
      // The server counted up to the entry's lastSeq; what the store already
      // holds after that (heard live since the page was read) adds to it.
      const myRead = Math.max(
        receipts[chat.id]?.[me ?? '']?.lastReadSeq ?? 0,
        chat.participants.find((p) => p.id === me)?.lastReadSeq ?? 0,
      );
      const later = held.seqs
        .filter((seq) => seq > chat.lastSeq)
        .map((seq) => held.bySeq[seq]!)
        .filter((m) => isUnread(m, me, myRead));
      counts = {
        unreadCount: chat.unreadCount + later.length,
        mentionCount: chat.mentionCount + later.filter((m) => mentions(m, me)).length,
      };
      held = held.countedSeq === chat.lastSeq ? held : { ...held, countedSeq: chat.lastSeq };
    }
    messages[chat.id] = held;
    chats[chat.id] = {
      lastMessage: null,
      lastReaction: null,
      unreadCount: 0,
      mentionCount: 0,
      ...known,
      ...chat,
      ...counts,
      // What we heard live may be newer than a list page or a chat event.
      ...(known &&
        known.lastSeq > chat.lastSeq && {
          lastSeq: known.lastSeq,
          lastMessage: known.lastMessage,
          lastMessageAt: known.lastMessageAt,
        }),
    } as ChatListItemDto;
    const seen = { ...receipts[chat.id] };
    for (const p of chat.participants) {
      const before = seen[p.id];
      seen[p.id] = {
        lastReadSeq: Math.max(before?.lastReadSeq ?? 0, p.lastReadSeq),
        lastDeliveredSeq: Math.max(before?.lastDeliveredSeq ?? 0, p.lastDeliveredSeq, p.lastReadSeq),
      };
      presence[p.id] ??= p.presence;
    }
    receipts[chat.id] = seen;
  }
  return { ...withChats(state, chats), messages, receipts, presence };
}

export function removeChats(state: ChatState, chatIds: string[]): ChatState {
  const gone = chatIds.filter((id) => state.chats[id] || state.messages[id]);
  if (gone.length === 0) return state;
  const chats = { ...state.chats };
  const messages = { ...state.messages };
  const receipts = { ...state.receipts };
  const typing = { ...state.typing };
  for (const id of gone) {
    delete chats[id];
    delete messages[id];
    delete receipts[id];
    delete typing[id];
  }
  return { ...withChats(state, chats), messages, receipts, typing };
}

function setChatMessages(state: ChatState, chatId: string, next: ChatMessages): ChatState {
  if (state.messages[chatId] === next) return state;
  return { ...state, messages: { ...state.messages, [chatId]: next } };
}

/**
 * Stored messages, live or from sync or history. A message newer than the
 * chat's last one moves the chat up. One new to the store after the chat's
 * countedSeq counts as unread when someone else sent it; an unread one that
 * is deleted stops counting.
 */
export function applyMessages(
  state: ChatState,
  incoming: Array<MessageDto | EditedMessageDto>,
  opts: { contiguous?: boolean } = {},
): ChatState {
  const byChat = new Map<string, Array<MessageDto | EditedMessageDto>>();
  for (const m of incoming) byChat.set(m.chatId, [...(byChat.get(m.chatId) ?? []), m]);
  let next = state;
  for (const [chatId, list] of byChat) {
    const chat = next.chats[chatId];
    // A chat we do not know yet starts at its first message heard; sync lists it.
    const before = next.messages[chatId] ?? emptyMessages(Math.min(...list.map((m) => m.seq)) - 1);
    const after = putMessages(before, list, opts);
    next = setChatMessages(next, chatId, after);
    if (!chat) continue;
    let updated = chat;
    const me = next.me?.id;
    const myRead = next.receipts[chatId]?.[me ?? '']?.lastReadSeq ?? 0;
    const unread = (m: MessageDto | EditedMessageDto) => isUnread(m, me, myRead);
    for (const m of list) {
      const held = before.bySeq[m.seq];
      // Counted once, when it first reaches the store after the counted seq,
      // so a catch-up that lands after a later live message still counts.
      if (!held && m.seq > before.countedSeq && unread(m)) {
        updated = {
          ...updated,
          unreadCount: updated.unreadCount + 1,
          mentionCount: updated.mentionCount + (mentions(m, me) ? 1 : 0),
        };
      }
      // Deleted while unread (counted by the server or by us): the server no longer counts it.
      if (held && m.deletedAt && unread(held)) {
        updated = {
          ...updated,
          unreadCount: Math.max(0, updated.unreadCount - 1),
          mentionCount: Math.max(0, updated.mentionCount - (mentions(held, me) ? 1 : 0)),
        };
      } else if (held && unread(m) && mentions(held, me) !== mentions(m, me)) {
        // An edit that adds or takes away a mention of me in an unread message.
        updated = {
          ...updated,
          mentionCount: Math.max(0, updated.mentionCount + (mentions(m, me) ? 1 : -1)),
        };
      }
      // A deleted message takes the reaction line about it along.
      if (m.deletedAt && updated.lastReaction?.message.id === m.id)
        updated = { ...updated, lastReaction: null };
      if (m.seq >= updated.lastSeq) {
        const stored = after.bySeq[m.seq] ?? null;
        updated = {
          ...updated,
          lastSeq: m.seq,
          lastMessage: stored,
          lastMessageAt: m.createdAt,
          // A new message is newer activity than any reaction.
          ...(m.seq > updated.lastSeq && { lastReaction: null }),
        };
      }
    }
    if (updated !== chat) next = withChats(next, { ...next.chats, [chatId]: updated });
  }
  return next;
}

/** Edits, deletes and sync's `changed` replace messages we hold; others are not ours to place. */
export function applyKnown(state: ChatState, messages: Array<MessageDto | EditedMessageDto>): ChatState {
  const known = messages.filter((m) => state.messages[m.chatId]?.bySeq[m.seq]);
  return known.length ? applyMessages(state, known) : state;
}

/**
 * Deleted for me: out of the thread, and out of the list's preview, which
 * falls back to the newest message still held (or none).
 */
export function applyHidden(state: ChatState, hidden: HiddenMessageDto[]): ChatState {
  let next = state;
  for (const h of hidden) {
    const chat = next.messages[h.chatId];
    if (chat) next = setChatMessages(next, h.chatId, removeMessage(chat, h.messageId));
    const entry = next.chats[h.chatId];
    if (!entry) continue;
    const previewed = entry.lastMessage?.id === h.messageId;
    const reacted = entry.lastReaction?.message.id === h.messageId;
    if (!previewed && !reacted) continue;
    const held = next.messages[h.chatId];
    const newest = held?.seqs.length ? held.bySeq[held.seqs.at(-1)!]! : null;
    next = patchChat(next, h.chatId, {
      ...(previewed && { lastMessage: newest }),
      ...(reacted && { lastReaction: null }),
    });
  }
  return next;
}

/** Read watermarks; reading is also delivery. My own move clears my unread counts. */
export function applyReads(state: ChatState, reads: ReadReceiptDto[]): ChatState {
  if (reads.length === 0) return state;
  const receipts = { ...state.receipts };
  let chats = state.chats;
  for (const r of reads) {
    const seen = { ...receipts[r.chatId] };
    const before = seen[r.userId];
    seen[r.userId] = {
      lastReadSeq: Math.max(before?.lastReadSeq ?? 0, r.upToSeq),
      lastDeliveredSeq: Math.max(before?.lastDeliveredSeq ?? 0, r.upToSeq),
    };
    receipts[r.chatId] = seen;
    const chat = chats[r.chatId];
    if (!chat) continue;
    const moved = seen[r.userId]!;
    // The entry's participants carry the same watermarks, for UIs that read them there.
    const participants = chat.participants.map((p) =>
      p.id === r.userId
        ? {
            ...p,
            lastReadSeq: Math.max(p.lastReadSeq, moved.lastReadSeq),
            lastDeliveredSeq: Math.max(p.lastDeliveredSeq, moved.lastDeliveredSeq),
          }
        : p,
    );
    const unread = r.userId === state.me?.id ? unreadAfter(state, r.chatId, r.upToSeq) : {};
    chats = { ...chats, [r.chatId]: { ...chat, participants, ...unread } };
  }
  return { ...state, receipts, chats };
}

function unreadAfter(state: ChatState, chatId: string, upToSeq: number) {
  const chat = state.chats[chatId]!;
  if (upToSeq >= chat.lastSeq) return { unreadCount: 0, mentionCount: 0 };
  const loaded = state.messages[chatId];
  let unreadCount = 0;
  let mentionCount = 0;
  for (const seq of loaded?.seqs ?? []) {
    const m = loaded!.bySeq[seq]!;
    if (seq <= upToSeq || m.senderId === null || m.senderId === state.me?.id || m.deletedAt) continue;
    unreadCount++;
    if (m.mentions.some((x) => x.userId === state.me?.id)) mentionCount++;
  }
  return {
    unreadCount: Math.min(unreadCount, chat.unreadCount),
    mentionCount: Math.min(mentionCount, chat.mentionCount),
  };
}

/** One person's reaction toggled in a message's reactions; the same array when nothing changes. */
export function toggleReaction(
  reactions: ReactionDto[],
  emoji: string,
  userId: string,
  on: boolean,
): ReactionDto[] {
  const found = reactions.find((x) => x.emoji === emoji);
  if (on === (found?.userIds.includes(userId) ?? false)) return reactions;
  if (!on) {
    return reactions
      .map((x) =>
        x === found ? { ...x, count: x.count - 1, userIds: x.userIds.filter((u) => u !== userId) } : x,
      )
      .filter((x) => x.count > 0);
  }
  if (!found) return [...reactions, { emoji, count: 1, userIds: [userId] }];
  return reactions.map((x) =>
    x === found ? { ...x, count: x.count + 1, userIds: [...x.userIds, userId] } : x,
  );
}

/**
 * A reaction added or taken back: onto the message where it is held and onto
 * the chat's last message, and as the list's "… reacted … to" line when the
 * message is one we can show; a line taken back goes (the next list load
 * brings any earlier one back).
 */
export function applyReaction(state: ChatState, r: ReactionEventDto, added: boolean): ChatState {
  const change = (m: MessageDto): MessageDto => {
    const reactions = toggleReaction(m.reactions, r.emoji, r.userId, added);
    return reactions === m.reactions ? m : { ...m, reactions };
  };
  let next = state;
  let reacted: MessageDto | undefined;
  const chat = state.messages[r.chatId];
  const seq = chat && findSeq(chat, r.messageId);
  if (chat && seq !== undefined) {
    reacted = change(chat.bySeq[seq]!);
    if (reacted !== chat.bySeq[seq]) {
      next = setChatMessages(next, r.chatId, { ...chat, bySeq: { ...chat.bySeq, [seq]: reacted } });
    }
  }
  const entry = next.chats[r.chatId];
  if (!entry) return next;
  const lastMessage = entry.lastMessage?.id === r.messageId ? change(entry.lastMessage) : entry.lastMessage;
  const shown = reacted ?? (lastMessage?.id === r.messageId ? lastMessage : undefined);
  let lastReaction = entry.lastReaction;
  if (added && shown) {
    const name = entry.participants.find((p) => p.id === r.userId)?.name ?? 'Someone';
    lastReaction = {
      userId: r.userId,
      name,
      emoji: r.emoji,
      createdAt: new Date().toISOString(),
      message: shown,
    };
  } else if (
    !added &&
    lastReaction?.message.id === r.messageId &&
    lastReaction.userId === r.userId &&
    lastReaction.emoji === r.emoji
  ) {
    lastReaction = null;
  }
  if (lastMessage === entry.lastMessage && lastReaction === entry.lastReaction) return next;
  return { ...next, chats: { ...next.chats, [r.chatId]: { ...entry, lastMessage, lastReaction } } };
}

/** The server's answer to a reaction of mine: its reactions are the truth. */
export function setReactions(state: ChatState, m: MessageDto): ChatState {
  const chat = state.messages[m.chatId];
  const seq = chat && findSeq(chat, m.id);
  let next = state;
  if (chat && seq !== undefined) {
    const bySeq = { ...chat.bySeq, [seq]: { ...chat.bySeq[seq]!, reactions: m.reactions } };
    next = setChatMessages(next, m.chatId, { ...chat, bySeq });
  }
  const entry = next.chats[m.chatId];
  if (entry?.lastMessage?.id === m.id) {
    next = patchChat(next, m.chatId, { lastMessage: { ...entry.lastMessage, reactions: m.reactions } });
  }
  return next;
}

export function patchChat(state: ChatState, chatId: string, patch: Partial<ChatListItemDto>): ChatState {
  const chat = state.chats[chatId];
  if (!chat) return state;
  return withChats(state, { ...state.chats, [chatId]: { ...chat, ...patch } });
}

/** Someone left or was removed; if it was me, the chat leaves the store. */
export function applyParticipantLeft(state: ChatState, chatId: string, userId: string): ChatState {
  if (userId === state.me?.id) return removeChats(state, [chatId]);
  const chat = state.chats[chatId];
  if (!chat) return state;
  const participants = chat.participants.filter((p) => p.id !== userId);
  const removed = chat.participants.length - participants.length;
  return patchChat(state, chatId, {
    participants,
    participantCount: Math.max(0, chat.participantCount - removed),
  });
}

export function applyPresence(
  state: ChatState,
  userId: string,
  status: PresenceStatus,
  lastSeenAt: string | null,
): ChatState {
  return { ...state, presence: { ...state.presence, [userId]: { status, lastSeenAt } } };
}

export function setTyping(
  state: ChatState,
  chatId: string,
  userId: string,
  entry: { name: string; until: number } | null,
): ChatState {
  const chat = { ...state.typing[chatId] };
  if (entry) chat[userId] = entry;
  else if (chat[userId]) delete chat[userId];
  else return state;
  return { ...state, typing: { ...state.typing, [chatId]: chat } };
}

/** Drops typing entries whose time ran out (the stop event may never come). */
export function expireTyping(state: ChatState, now: number): ChatState {
  let typing = state.typing;
  for (const [chatId, users] of Object.entries(state.typing)) {
    const live = Object.entries(users).filter(([, t]) => t.until > now);
    if (live.length === Object.keys(users).length) continue;
    if (typing === state.typing) typing = { ...typing };
    typing[chatId] = Object.fromEntries(live);
  }
  return typing === state.typing ? state : { ...state, typing };
}
