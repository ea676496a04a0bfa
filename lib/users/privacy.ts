// What one person may see of another's reads and presence, by both their
// settings (lib/users/settings.ts). The rules, as WhatsApp has them:
// - Read receipts are reciprocal: with yours off nobody sees your reads and
//   you see nobody's, in groups too. Your own watermark always reaches you
//   (unread counts, your other tabs). Delivery ticks are not reads: they stay.
// - Last seen and online: "everyone", "chats" (people who share a chat with
//   you) or "nobody"; "nobody" also hides everyone else's from you.
// - Blocks hide presence either way (lib/users/block-partners.ts).
import type { ChatDto, ParticipantDto, ReadReceiptDto } from '../chat/dto';
import { db } from '../db';
import { blockPartners } from './block-partners';
import { settingsOf, type SettingsDto } from './settings';

const UNSEEN = { status: 'offline' as const, lastSeenAt: null };

/** Whether `viewer` sees the reads of `subject` (someone else). */
export const readsVisible = (viewer: SettingsDto, subject: SettingsDto) =>
  viewer.readReceipts && subject.readReceipts;

/**
 * Whether `viewer` sees the presence of `subject` (someone else); `shareChat`:
 * whether they take part in a chat together (always, within a chat's details).
 */
export function presenceVisible(viewer: SettingsDto, subject: SettingsDto, shareChat: boolean): boolean {
  if (viewer.lastSeen === 'nobody' || subject.lastSeen === 'nobody') return false;
  return subject.lastSeen === 'everyone' || shareChat;
}

/**
 * The chats as `viewerId` may see them: others' read watermarks at 0 where
 * reads are hidden between the two, others' presence offline and never seen
 * where it is hidden (or there is a block either way).
 */
export async function asSeenBy<C extends ChatDto>(viewerId: string, chats: C[]): Promise<C[]> {
  const ids = new Set([viewerId]);
  for (const chat of chats) for (const p of chat.participants) ids.add(p.id);
  const [settings, partners] = await Promise.all([settingsOf([...ids]), blockPartners(viewerId)]);
  return chats.map((chat) => maskChat(chat, viewerId, settings, new Set(partners)));
}

export async function chatAsSeenBy<C extends ChatDto>(viewerId: string, chat: C): Promise<C> {
  const [shown] = await asSeenBy(viewerId, [chat]);
  return shown ?? chat;
}

function maskChat<C extends ChatDto>(
  chat: C,
  viewerId: string,
  settings: Map<string, SettingsDto>,
  blocked: Set<string>,
): C {
  const viewer = settings.get(viewerId);
  if (!viewer) return chat;
  let changed = false;
  const participants = chat.participants.map((p): ParticipantDto => {
    const subject = settings.get(p.id);
    if (p.id === viewerId || !subject) return p;
    const hideReads = !readsVisible(viewer, subject) && p.lastReadSeq > 0;
    const hidePresence = blocked.has(p.id) || !presenceVisible(viewer, subject, true);
    if (!hideReads && !hidePresence) return p;
    changed = true;
    return { ...p, ...(hideReads && { lastReadSeq: 0 }), ...(hidePresence && { presence: UNSEEN }) };
  });
  return changed ? { ...chat, participants } : chat;
}

/**
 * Who must not hear a receipt of `readerId` in a chat: everyone but the
 * reader when the reader's receipts are off ('all'), else the chat's
 * members whose own receipts are off.
 */
export async function receiptWithheldFrom(readerId: string, chatId: string): Promise<'all' | string[]> {
  const reader = (await settingsOf([readerId])).get(readerId);
  if (reader && !reader.readReceipts) return 'all';
  const rows = await db().$queryRaw<Array<{ userId: string }>>`
    SELECT s."userId" FROM "UserSettings" s
    JOIN "ChatParticipant" p ON p."userId" = s."userId" AND p."chatId" = ${chatId}::uuid AND p."leftAt" IS NULL
    WHERE s."readReceipts" = false AND s."userId" <> ${readerId}::uuid`;
  return rows.map((r) => r.userId);
}

/** A sync's watermarks as `viewerId` may see them: their own, and others' only where reads are visible. */
export async function readsSeenBy(viewerId: string, reads: ReadReceiptDto[]): Promise<ReadReceiptDto[]> {
  const settings = await settingsOf([viewerId, ...reads.map((r) => r.userId)]);
  const viewer = settings.get(viewerId);
  return reads.filter((r) => {
    const subject = settings.get(r.userId);
    return r.userId === viewerId || !viewer || !subject || readsVisible(viewer, subject);
  });
}

/**
 * Who must not hear `userId`'s presence among the people of their chats:
 * everyone ('all') when theirs is "nobody", else those whose own is "nobody".
 * (Everyone told shares a chat with them, so "chats" and "everyone" agree.)
 */
export async function presenceWithheldFrom(userId: string, chatIds: string[]): Promise<'all' | string[]> {
  const own = (await settingsOf([userId])).get(userId);
  if (own?.lastSeen === 'nobody') return 'all';
  if (chatIds.length === 0) return [];
  const rows = await db().$queryRaw<Array<{ userId: string }>>`
    SELECT DISTINCT s."userId" FROM "UserSettings" s
    JOIN "ChatParticipant" p ON p."userId" = s."userId" AND p."chatId" = ANY(${chatIds}::uuid[]) AND p."leftAt" IS NULL
    WHERE s."lastSeen" = 'NOBODY' AND s."userId" <> ${userId}::uuid`;
  return rows.map((r) => r.userId);
}

/** Of `userIds` (people in a chat with the viewer), those whose presence the viewer may see. */
export async function presenceVisibleAmong(viewerId: string, userIds: string[]): Promise<string[]> {
  const settings = await settingsOf([viewerId, ...userIds]);
  const viewer = settings.get(viewerId);
  return userIds.filter((id) => {
    const subject = settings.get(id);
    return id === viewerId || !viewer || !subject || presenceVisible(viewer, subject, true);
  });
}
