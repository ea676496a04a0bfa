// The chat API's bodies as zod schemas, by their names in the OpenAPI
// document. Requests are the shared input schemas themselves; responses
// describe the DTOs of ../dto, and the type check at the end stops the build
// if a DTO and its schema ever disagree.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../errors';
import { moderationApiSchemas } from '../../moderation/openapi/schemas';
import type { FilterWordDto } from '../../moderation/filter-words';
import type { BlockDto } from '../../users/blocks';
import type { PublicUser, SharedChatDto, UserProfile } from '../../users/dto';
import {
  blockUserSchema,
  matchSchema,
  createChatSchema,
  editMessageSchema,
  markReadSchema,
  sendMessageSchema,
  disappearingSchema,
  forwardMessageSchema,
  updateChatSchema,
} from '../../validations/chat';
import { INT4_MAX } from '../../validations/input';
import { attachmentSchema } from './attachment';
import { addFilterWordSchema, hiddenWordsSchema } from '../../validations/word-lists';
import type {
  ChatDto,
  ChatListItemDto,
  MessageDto,
  MentionDto,
  ParticipantDto,
  ReactionDto,
  ReadReceiptDto,
  SearchHitDto,
} from '../dto';

const id = z.uuid();
const time = z.iso.datetime();
/** Seqs and counts are int4 in the database, so never above 2147483647. */
const count = z.number().int().min(0).max(INT4_MAX);
const seq = count;

const participant = z.object({
  id,
  name: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(['ADMIN', 'MODERATOR', 'MEMBER']),
  joinedAt: time,
  lastReadSeq: seq,
  lastDeliveredSeq: seq,
  presence: z.object({ status: z.enum(['online', 'away', 'busy', 'offline']), lastSeenAt: time.nullable() }),
});

const reaction = z.object({
  emoji: z.string().describe('One RGI emoji.'),
  count: count.describe('How many people reacted with it, as the caller sees them.'),
  userIds: z.array(id).describe('Who reacted with it, first first.'),
});

const mention = z.object({
  userId: id,
  offset: count.describe(
    'Where the mention starts in content, in UTF-16 code units; content[offset] is "@".',
  ),
  length: count.describe('Its length in UTF-16 code units, "@" included.'),
});

const message = z.object({
  id,
  chatId: id,
  senderId: id
    .nullable()
    .describe('The author; for SYSTEM messages, who made the change. Null once the account is gone.'),
  seq: seq.describe('Position in the chat: 1, 2, 3… with no gaps.'),
  type: z.enum(['TEXT', 'IMAGE', 'FILE', 'VOICE', 'SYSTEM']),
  content: z
    .string()
    .describe('Exactly as sent (a media message’s caption, maybe empty); empty once deleted.'),
  attachments: z
    .array(attachmentSchema)
    .nullable()
    .describe(
      'IMAGE, FILE and VOICE messages’ uploads, in the order sent; null for other types and once deleted.',
    ),
  replyToId: id.nullable(),
  clientMessageId: z.string().nullable(),
  createdAt: time,
  editedAt: time.nullable(),
  deletedAt: time.nullable().describe('Set on a tombstone: the message was deleted for everyone.'),
  flagged: z
    .boolean()
    .describe('Holds a word the platform flags: clients ask its receivers "Does this bother you?" with Report.'),
  reactions: z
    .array(reaction)
    .describe(
      'Emoji reactions, in the order each emoji was first used; [] once deleted. Reactions of people who have a block with the caller (either way) are left out.',
    ),
  linkPreview: z
    .object({
      url: z.string().describe('The https URL in the content it previews.'),
      title: z.string().nullable(),
      description: z.string().nullable(),
      siteName: z.string().nullable(),
    })
    .nullable()
    .describe(
      'The page the first https link points to, fetched once by the server after the send when the sender turned linkPreviews on; arrives later as message_edited (editedAt unchanged). Plain text; no image, so the site never learns who reads it.',
    ),
  expiresAt: time
    .nullable()
    .describe(
      "Sent while the chat's disappearing timer was on: when it is deleted for everyone. Kept on the tombstone (deletedAt at or after expiresAt: it disappeared).",
    ),
  forwarded: z
    .boolean()
    .describe('Forwarded from another chat by its sender; the original chat and sender are not told.'),
  mentions: z
    .array(mention)
    .describe('People the text mentions (groups only), in offset order; empty when none and once deleted.'),
});

const chat = z.object({
  id,
  type: z.enum(['DIRECT', 'GROUP']),
  name: z.string().nullable(),
  description: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  createdById: id.nullable(),
  createdAt: time,
  lastMessageAt: time.nullable(),
  lastSeq: seq.describe('The seq of the latest message; 0 before the first.'),
  closedAt: time
    .nullable()
    .describe('Set once a direct chat is closed (unmatched): nothing more can be sent in it (403 CHAT_CLOSED).'),
  disappearAfterSeconds: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe(
      'Disappearing messages: new messages are deleted for everyone this many seconds after sending; null: off.',
    ),
  participants: z
    .array(participant)
    .describe(
      'Current participants, in the order they joined. In a chat list entry and in a sync, only the caller and the earliest others (3 in all); the chat details carry everyone.',
    ),
  participantCount: count.describe('How many current participants the chat has.'),
});

const lastReaction = z.object({
  userId: id.describe('Who reacted.'),
  name: z.string().describe('Their display name.'),
  emoji: z.string(),
  createdAt: time,
  message: message.describe('The message reacted to.'),
});

const chatListItem = chat.extend({
  lastMessage: message.nullable(),
  lastReaction: lastReaction
    .nullable()
    .describe(
      'The chat’s latest reaction when it came after lastMessage ("Ann reacted ❤️ to …"), leaving out people who have a block with the caller; null otherwise. Reactions neither reorder the list nor count as unread.',
    ),
  unreadCount: count,
  mentionCount: count.describe('Of the unread messages, how many mention you (the "mentioned" badge).'),
});

const searchHit = z.object({
  message,
  highlights: z
    .array(z.tuple([z.number().int(), z.number().int()]))
    .describe('[start, end) offsets in message.content (UTF-16 code units, as JavaScript indexes strings).'),
  rank: z.number().describe('Higher is a better match.'),
});

const readReceipt = z.object({ chatId: id, userId: id, upToSeq: seq, readAt: time });
const publicUser = z.object({ id, name: z.string(), avatarUrl: z.string().nullable() });
const userProfile = publicUser.extend({
  bio: z.string().nullable().describe('A short bio, plain text, at most 160 characters; may break lines.'),
  pronouns: z.string().nullable().describe('Pronouns, plain text, at most 40 characters.'),
});
const sharedChat = z.object({
  id,
  type: z.enum(['DIRECT', 'GROUP']),
  name: z.string().nullable().describe("A group's name; null for your direct chat with the person."),
  avatarUrl: z.string().nullable(),
  participantCount: count,
});
const block = z.object({ user: publicUser, createdAt: time });
const filterWord = z.object({
  id,
  word: z.string().describe('Lower-cased, as matched.'),
  action: z.enum(['block', 'flag']),
  createdAt: time,
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass it back for the next page; null on the last page.'),
  });

const codes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const chatApiSchemas = {
  Error: z.object({
    error: z.object({
      code: z.enum(codes),
      message: z.string(),
      retryAfterSeconds: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe('With RATE_LIMITED: when to try again, also sent as the Retry-After header.'),
    }),
  }),
  Participant: participant,
  Attachment: attachmentSchema,
  Reaction: reaction,
  Message: message,
  Chat: chat,
  ChatListItem: chatListItem,
  SearchHit: searchHit,
  ReadReceipt: readReceipt,
  PublicUser: publicUser,
  ChatPage: page(chatListItem),
  MessagePage: page(message),
  SearchPage: page(searchHit),
  ChatEnvelope: z.object({ chat }),
  ChatChangeEnvelope: z.object({
    chat,
    invitedUserIds: z
      .array(id)
      .describe(
        'People whose groupInvites setting did not let you add them: they were sent an invitation instead.',
      ),
  }),
  MessageEnvelope: z.object({ message }),
  ReceiptEnvelope: z.object({ receipt: readReceipt }),
  UnreadCount: z.object({
    count,
    mentionCount: count.describe('Of the unread messages, how many mention you.'),
  }),
  UserList: z.object({ users: z.array(publicUser) }),
  UserProfile: userProfile,
  UserEnvelope: z.object({ user: userProfile }),
  SharedChatList: z.object({ chats: z.array(sharedChat) }),
  BlockEnvelope: z.object({ block }),
  BlockList: z.object({ blocks: z.array(block) }),
  BlockUserRequest: blockUserSchema,
  MatchRequest: matchSchema,
  MatchEnvelope: z.object({ match: z.object({ userIdA: id, userIdB: id, createdAt: time }) }),
  FilterWord: filterWord,
  FilterWordList: z.object({ items: z.array(filterWord) }),
  FilterWordEnvelope: z.object({ item: filterWord }),
  AddFilterWordRequest: addFilterWordSchema,
  HiddenWords: z.object({ words: z.array(z.string()).describe('Lower-cased, alphabetically.') }),
  HiddenWordsRequest: hiddenWordsSchema,
  CreateChatRequest: createChatSchema,
  UpdateChatRequest: updateChatSchema,
  SendMessageRequest: sendMessageSchema,
  EditMessageRequest: editMessageSchema,
  MarkReadRequest: markReadSchema,
  DisappearingRequest: disappearingSchema,
  ForwardMessageRequest: forwardMessageSchema,
  DeleteMessageResult: z.union([
    z.object({ message }).describe('Deleted for everyone: the tombstone.'),
    z
      .object({ hidden: z.object({ chatId: id, messageId: id, hiddenAt: time }) })
      .describe('forEveryone=false: hidden for you, and since when.'),
  ]),
  ...moderationApiSchemas,
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemasMatchDtos: [
  Same<z.infer<typeof participant>, ParticipantDto>,
  Same<z.infer<typeof mention>, MentionDto>,
  Same<z.infer<typeof message>, MessageDto>,
  Same<z.infer<typeof reaction>, ReactionDto>,
  Same<z.infer<typeof chat>, ChatDto>,
  Same<z.infer<typeof chatListItem>, ChatListItemDto>,
  Same<z.infer<typeof searchHit>, SearchHitDto>,
  Same<z.infer<typeof readReceipt>, ReadReceiptDto>,
  Same<z.infer<typeof publicUser>, PublicUser>,
  Same<z.infer<typeof userProfile>, UserProfile>,
  Same<z.infer<typeof sharedChat>, SharedChatDto>,
  Same<z.infer<typeof block>, BlockDto>,
  Same<z.infer<typeof filterWord>, FilterWordDto>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
