// Mentions are ranges the sender's client recorded into the content, never
// found by parsing the text. Each must fit the content, start with "@" and
// name someone, stay clear of the others, and point at a current member of
// the group other than the sender. Direct chats take none: the other person
// is the only one who could be meant, and the badge would say nothing.
import { AppError } from '../../errors';
import type { MentionDto } from '../dto';
import type { DbClient } from '../store/sql';

const refuse = (why: string) => new AppError('VALIDATION', `mentions: ${why}`);

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * The mentions in offset order, ids lower-cased, or a 400 saying what is
 * wrong: a range outside the content, splitting a character, not starting
 * with "@" and a name (no line breaks), overlapping another, the sender, or
 * one person twice.
 */
export function checkMentionRanges(
  content: string,
  mentions: readonly MentionDto[],
  senderId: string,
): MentionDto[] {
  const sorted = mentions
    .map((m) => ({ userId: m.userId.toLowerCase(), offset: m.offset, length: m.length }))
    .sort((a, b) => a.offset - b.offset);
  const people = new Set<string>();
  let end = 0;
  for (const m of sorted) {
    const stop = m.offset + m.length;
    if (stop > content.length) throw refuse('A mention reaches past the end of the text.');
    if (m.offset < end) throw refuse('Mentions cannot overlap.');
    if (isLow(content.charCodeAt(m.offset)) || isHigh(content.charCodeAt(stop - 1))) {
      throw refuse('A mention cannot split a character.');
    }
    const text = content.slice(m.offset, stop);
    if (!/^@\S/u.test(text) || /[\r\n]/.test(text)) {
      throw refuse('Each mention must be "@" and a name, on one line.');
    }
    if (m.userId === senderId.toLowerCase()) throw refuse('You cannot mention yourself.');
    if (people.has(m.userId)) throw refuse('Mention each person once.');
    people.add(m.userId);
    end = stop;
  }
  return sorted;
}

/** The old mentions whose ranges still hold the same text in the new content (an edit that left them out). */
export function keptMentions(before: { content: string; mentions: readonly MentionDto[] }, content: string) {
  return before.mentions.filter(
    (m) =>
      content.slice(m.offset, m.offset + m.length) === before.content.slice(m.offset, m.offset + m.length),
  );
}

/**
 * Refuses mentions outside a group or of people who are not in it now. Run
 * only when a message mentions someone; a sender who is not in the chat gets
 * the same 404 as for a chat that does not exist.
 */
export async function assertMentionable(
  client: DbClient,
  { chatId, senderId, userIds }: { chatId: string; senderId: string; userIds: string[] },
): Promise<void> {
  const [row] = await client.$queryRaw<Array<{ type: string; members: string[] }>>`
    SELECT s.type::text AS type,
           ARRAY(SELECT p."userId"::text FROM "ChatParticipant" p
                 WHERE p."chatId" = s.id AND p."leftAt" IS NULL AND p."userId" = ANY(${userIds}::uuid[])) AS members
    FROM "ChatSession" s
    JOIN "ChatParticipant" me ON me."chatId" = s.id AND me."userId" = ${senderId}::uuid AND me."leftAt" IS NULL
    WHERE s.id = ${chatId}::uuid`;
  if (!row) return; // Not in the chat: the send or edit itself answers 404.
  if (row.type !== 'GROUP') throw refuse('Mentions are for groups; a direct chat takes none.');
  if (row.members.length < new Set(userIds).size) throw refuse('You can only mention people in this group.');
}
