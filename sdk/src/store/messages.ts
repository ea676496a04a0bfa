// Pure changes to one chat's messages: deduplicated by seq, a newer version
// of a known message replaces it, and the contiguous watermark moves on.
import type { EditedMessageDto, MessageDto } from '../protocol/index.js';
import type { ChatMessages } from '../types.js';

export function emptyMessages(lastSeq: number): ChatMessages {
  return { bySeq: {}, seqs: [], syncedSeq: lastSeq, hasMoreBefore: lastSeq > 0, countedSeq: lastSeq };
}

/**
 * Whether `incoming` is an older version of `known` than the one we hold, so
 * it must not replace it: a tombstone is never undone, and an earlier edit
 * does not overwrite a later one. Reaction changes carry no time: the later
 * arrival wins.
 */
export function isStale(incoming: EditedMessageDto, known: MessageDto): boolean {
  if (known.deletedAt && !incoming.deletedAt) return true;
  if (known.editedAt && !incoming.deletedAt) {
    if (!incoming.editedAt) return true;
    return incoming.editedAt < known.editedAt;
  }
  return false;
}

function insertSorted(seqs: number[], seq: number): number[] {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! < seq) lo = mid + 1;
    else hi = mid;
  }
  if (seqs[lo] === seq) return seqs;
  return [...seqs.slice(0, lo), seq, ...seqs.slice(lo)];
}

/** Moves syncedSeq up over every seq now known right after it. */
export function advanceWatermark(chat: ChatMessages, to = chat.syncedSeq): ChatMessages {
  let syncedSeq = Math.max(chat.syncedSeq, to);
  while (chat.bySeq[syncedSeq + 1]) syncedSeq++;
  return syncedSeq === chat.syncedSeq ? chat : { ...chat, syncedSeq };
}

/**
 * Adds or replaces messages. `contiguous`: they come from a source without
 * gaps after the watermark (a sync's run), so the watermark may move over them.
 * Returns the same object when nothing changed.
 */
export function putMessages(
  chat: ChatMessages,
  incoming: Array<MessageDto | EditedMessageDto>,
  { contiguous = false }: { contiguous?: boolean } = {},
): ChatMessages {
  let bySeq = chat.bySeq;
  let seqs = chat.seqs;
  let top = chat.syncedSeq;
  for (const message of incoming) {
    const known = bySeq[message.seq];
    if (known && isStale(message, known)) continue;
    const next: MessageDto =
      'reactions' in message ? message : { ...message, reactions: known?.reactions ?? [] };
    if (bySeq === chat.bySeq) bySeq = { ...bySeq };
    bySeq[message.seq] = next;
    if (!known) seqs = insertSorted(seqs, message.seq);
    if (contiguous) top = Math.max(top, message.seq);
  }
  if (bySeq === chat.bySeq) return chat;
  return advanceWatermark({ ...chat, bySeq, seqs }, top);
}

/** A history page: messages before the oldest loaded, newest first or not. */
export function putOlderPage(chat: ChatMessages, page: MessageDto[], hasMore: boolean): ChatMessages {
  const next = putMessages(chat, page);
  return { ...next, hasMoreBefore: hasMore };
}

/** Deleted for me: the message leaves this person's views. */
export function removeMessage(chat: ChatMessages, messageId: string): ChatMessages {
  const seq = findSeq(chat, messageId);
  if (seq === undefined) return chat;
  const bySeq = { ...chat.bySeq };
  delete bySeq[seq];
  return { ...chat, bySeq, seqs: chat.seqs.filter((s) => s !== seq) };
}

export function findSeq(chat: ChatMessages, messageId: string): number | undefined {
  for (let i = chat.seqs.length - 1; i >= 0; i--) {
    const seq = chat.seqs[i]!;
    if (chat.bySeq[seq]?.id === messageId) return seq;
  }
  return undefined;
}

/** The seq right after the watermark is missing while a later one arrived: something was missed. */
export function hasGap(chat: ChatMessages, seq: number): boolean {
  return seq > chat.syncedSeq + 1;
}
