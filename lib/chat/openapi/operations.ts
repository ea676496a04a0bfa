// The chat API's endpoints, for the OpenAPI document (lib/openapi.ts) and the
// reference page. Inputs are the shared zod schemas the route handlers parse
// with; bodies are named schemas from schemas.ts.
import type { ApiOperation } from '../../http/api-operation';
import { moderationOperations } from '../../moderation/openapi/operations';
import type { chatApiSchemas } from './schemas';
import {
  deleteChatQuerySchema,
  deleteMessageQuerySchema,
  historyQuerySchema,
  pageQuerySchema,
  searchQuerySchema,
  userSearchQuerySchema,
} from '../../validations/chat';

const SESSION = '/api/v1/chat/sessions/{id}';
const WORD_FILTER =
  'The platform word filter reads it first: a word on the block list refuses it (422 CONTENT_BLOCKED, nothing stored); a flagged word asks the sender to confirm (409 CONFIRM_REQUIRED, nothing stored), and the same request with confirmed: true stores it with flagged: true.';
const WORDS = '/api/v1/admin/words';
const REACTION =
  "A message of a chat you are in (404 otherwise, as for a message that does not exist). {emoji} is exactly one emoji, percent-encoded (❤️ is %E2%9D%A4%EF%B8%8F): text, several emoji, a zero-width-joiner chain drawn as several pictures or anything longer than 32 UTF-16 units is 400 with nothing stored. A symbol sent without its emoji variation selector (❤) counts as its emoji form (❤️). One reaction per person per emoji; adding or removing one moves the message's place in sync's changed list.";
const UPDATE_GROUP =
  'ADMINs may change anything; MODERATORs may add people and remove MEMBERs; MEMBERs nothing (403). Re-adding someone who left brings them back. Every change leaves a SYSTEM message. Direct chats cannot be changed (400). People whose groupInvites setting does not let you add them are invited instead (invitedUserIds). The group photo: avatarUploadId names an upload with purpose avatar to this group, made by you (404 otherwise); the photo is its thumbnail, and the photo it replaces stops being served. Members hear chat_updated.';
const MEDIA_SEND =
  "Photos, files and voice: upload each first (POST /api/v1/uploads to this chat), then send type IMAGE with 1–10 image uploads, FILE with 1 file upload or VOICE with 1 voice upload in attachmentIds, and an optional caption in content. An upload is attached once, by its uploader, in its chat: an unknown id, someone else's upload or another chat's is 404; an upload of the wrong kind for the type is 400; one already attached is 409; each time nothing is stored. The message's attachments carry the uploads' public fields in the order given. A retry with the same clientMessageId returns the first message and leaves the uploads alone.";

export const chatOperations: Array<ApiOperation<keyof typeof chatApiSchemas>> = [
  {
    method: 'get',
    path: '/api/v1/chat/sessions',
    tag: 'Chats',
    budget: 'read',
    summary: 'List your chats, most recent activity first',
    description:
      'Groups you have not left and direct chats you have not hidden (a hidden one comes back when a newer message arrives), each with its participants, last message and your unread count.',
    query: pageQuerySchema,
    responses: [[200, 'A page of chats.', 'ChatPage']],
    errors: ['VALIDATION'],
  },
  {
    method: 'post',
    path: '/api/v1/chat/sessions',
    tag: 'Chats',
    budget: 'write',
    summary: 'Create a group, or open the direct chat with someone',
    description:
      'A pair of people has one DIRECT chat, whoever opens it; opening it again returns it (200) and un-hides it for you. A GROUP makes you its ADMIN and the others MEMBERs; ids are de-duplicated. Someone whose groupInvites setting does not let you add them (chats: only people with a direct chat with them; nobody) is sent an invitation instead and listed in invitedUserIds.',
    body: 'CreateChatRequest',
    responses: [
      [201, 'Created.', 'ChatChangeEnvelope'],
      [200, 'The direct chat already existed.', 'ChatChangeEnvelope'],
    ],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: SESSION,
    tag: 'Chats',
    budget: 'read',
    summary: 'Get a chat you are in',
    responses: [[200, 'The chat.', 'ChatEnvelope']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'put',
    path: SESSION,
    tag: 'Chats',
    budget: 'write',
    summary: 'Change a group: details, photo, members, roles',
    description: UPDATE_GROUP,
    body: 'UpdateChatRequest',
    responses: [[200, 'The group after the change.', 'ChatChangeEnvelope']],
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: SESSION,
    tag: 'Chats',
    budget: 'write',
    summary: 'Change a group (the same as PUT)',
    description: `Every field is optional, as with PUT, which this is another name for. ${UPDATE_GROUP}`,
    body: 'UpdateChatRequest',
    responses: [[200, 'The group after the change.', 'ChatChangeEnvelope']],
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: SESSION,
    tag: 'Chats',
    budget: 'write',
    summary: 'Leave a group, delete it for everyone, or hide a direct chat',
    description:
      'Leaving a group: if you were its last ADMIN, the member who joined first becomes one. forEveryone=true deletes the group with all its messages (ADMINs only). A direct chat is hidden for you until a newer message arrives.',
    query: deleteChatQuerySchema,
    responses: [[204, 'Done.']],
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: `${SESSION}/messages`,
    tag: 'Messages',
    budget: 'read',
    summary: 'Page through history',
    description:
      'By seq. Without a cursor or with before: newest first, older pages follow. With after: the messages after that seq, oldest first (catching up). nextCursor continues in the same direction. Deleted messages stay as tombstones. Reading also confirms delivery (your lastDeliveredSeq).',
    query: historyQuerySchema,
    responses: [[200, 'A page of messages.', 'MessagePage']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: `${SESSION}/messages`,
    tag: 'Messages',
    budget: 'write',
    summary: 'Send a message',
    description:
      'Stored exactly as sent, at most MESSAGE_MAX_LENGTH characters (413 beyond; captions too). Retrying with the same clientMessageId returns the first message with 200 instead of sending twice. ' +
      MEDIA_SEND +
      ' ' +
      WORD_FILTER,
    body: 'SendMessageRequest',
    responses: [
      [201, 'Sent.', 'MessageEnvelope'],
      [200, 'A retry: the message sent the first time.', 'MessageEnvelope'],
    ],
    errors: [
      'VALIDATION',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'BLOCKED',
      'CHAT_CLOSED',
      'MUTED',
      'CONFIRM_REQUIRED',
      'CONTENT_BLOCKED',
    ],
  },
  {
    method: 'put',
    path: `${SESSION}/disappearing`,
    tag: 'Chats',
    budget: 'write',
    summary: 'Set or turn off disappearing messages',
    description:
      "disappearAfterSeconds from the server's timers (DISAPPEARING_TIMERS: 86400, 604800 and 7776000, i.e. 24 hours, 7 days, 90 days, by default; anything else is 400), or null for off. Either person of a direct chat (not a closed or blocked one: 403 CHAT_CLOSED / BLOCKED); in a group, admins only (403 for others; 404 for people outside the chat). Messages sent from then on carry expiresAt and are deleted for everyone when it comes, media included (a report's frozen evidence keeps what it holds), by a server job that also catches up after a restart; everyone hears message_deleted, and a sync after a reconnect has them in changed. Earlier messages keep theirs. A change leaves a SYSTEM message (which never disappears) and everyone hears chat_updated; setting the current value changes nothing. The socket event set_disappearing does the same.",
    body: 'DisappearingRequest',
    responses: [[200, 'The chat, with disappearAfterSeconds.', 'ChatEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'BLOCKED', 'CHAT_CLOSED'],
  },
  {
    method: 'post',
    path: `${SESSION}/close`,
    tag: 'Safety',
    budget: 'write',
    summary: 'Close (unmatch) a direct chat',
    description:
      'For both people: nothing more can be sent in it (403 CHAT_CLOSED), its live events stop, and the match between you (DM_POLICY=matched) is removed. Both see the same "This chat has ended", whoever closed it; the other person hears chat_closed. Its messages are kept CLOSED_CHAT_RETENTION_DAYS so either of you can still report from it, then deleted. Closing again changes nothing. Groups cannot be closed (400): leave them instead.',
    responses: [[200, 'The chat, with closedAt set.', 'ChatEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: `${SESSION}/read`,
    tag: 'Messages',
    budget: 'write',
    summary: 'Mark messages as read',
    description:
      'Up to and including upToMessageId, or the latest message when it is left out (send {}). The watermark never moves back; when it moves, the others in the chat see messages_read.',
    body: 'MarkReadRequest',
    responses: [[200, 'Your read watermark now.', 'ReceiptEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: `${SESSION}/unread`,
    tag: 'Messages',
    budget: 'read',
    summary: 'Count your unread messages in a chat, and those that mention you',
    description: 'Messages after your read watermark that are not yours and not deleted.',
    responses: [[200, 'The count.', 'UnreadCount']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: `${SESSION}/search`,
    tag: 'Messages',
    budget: 'read',
    summary: 'Search a chat',
    description:
      'Text, captions and the file names of uploads. Whole words (web-search syntax: "a phrase", or, -word) or every word as a case-insensitive substring, in any script. Whole-word matches first, then newest first. Deleted messages are never found. Highlights mark matches in content only, so a hit by a file name has none.',
    query: searchQuerySchema,
    responses: [[200, 'A page of hits with highlight ranges.', 'SearchPage']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/chat/messages/{id}',
    tag: 'Messages',
    budget: 'read',
    summary: 'Get one message',
    description:
      'A message of a chat you are in now, tombstones included: for showing the original of a reply that is not in the history you loaded. A chat you are not in, or have left, reads as an unknown id (404).',
    responses: [[200, 'The message.', 'MessageEnvelope']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'put',
    path: '/api/v1/chat/messages/{id}',
    tag: 'Messages',
    budget: 'write',
    summary: 'Edit your message',
    description:
      'Your own, not deleted, within EDIT_WINDOW_SECONDS of sending (403 EDIT_WINDOW_EXPIRED after). For a photo, file or voice message this is its caption, which may become empty; its uploads stay as they are. A text message cannot become empty (400). The new text goes through the word filter as a send does; flagged follows it.',
    body: 'EditMessageRequest',
    responses: [[200, 'The edited message.', 'MessageEnvelope']],
    errors: [
      'FORBIDDEN',
      'EDIT_WINDOW_EXPIRED',
      'CONFLICT',
      'NOT_FOUND',
      'PAYLOAD_TOO_LARGE',
      'BLOCKED',
      'CHAT_CLOSED',
      'MUTED',
      'CONFIRM_REQUIRED',
      'CONTENT_BLOCKED',
    ],
  },
  {
    method: 'delete',
    path: '/api/v1/chat/messages/{id}',
    tag: 'Messages',
    budget: 'write',
    summary: 'Delete a message for everyone, or for yourself',
    description:
      "For everyone (the default): your own, or any in a group where you are ADMIN or MODERATOR (SYSTEM messages: only they). A tombstone stays in its place (attachments: null), and its uploads' media stops being served at once; everyone in the chat hears message_deleted. Deleting again returns the tombstone. " +
      "With ?forEveryone=false (delete for me): any message you can see, anyone's, hidden from your own history, sync, search, unread counts and chat list only; your other sockets hear message_hidden, a sync after a reconnect lists it in `hidden`. Nobody else is told. Answers { hidden: { chatId, messageId, hiddenAt } }; hiding again answers the same.",
    query: deleteMessageQuerySchema,
    responses: [[200, 'The tombstone, or what you hid.', 'DeleteMessageResult']],
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/chat/messages/{id}/forward',
    tag: 'Messages',
    budget: 'write',
    summary: 'Forward a message to another chat',
    description:
      "A message you can see (404 otherwise), to a chat you are in (404 otherwise), as a new message of yours with forwarded: true. Its text is copied; a photo, file or voice message reuses the same stored media, nothing is uploaded again, and its attachments get new ids readable by the target chat's members (deleting either message leaves the other's media). Where it came from and who wrote it are not told. Every rule of a send in the target chat applies: a block (403 BLOCKED), a closed chat (403 CHAT_CLOSED), a mute (403 MUTED), the word filter, the write budget, its disappearing timer, and a retry with the same clientMessageId returns the first forward (200). Deleted messages cannot be forwarded (409), nor notices (400). The socket event forward_message does the same. " +
      WORD_FILTER,
    body: 'ForwardMessageRequest',
    responses: [
      [201, 'Forwarded.', 'MessageEnvelope'],
      [200, 'A retry: the message forwarded the first time.', 'MessageEnvelope'],
    ],
    errors: [
      'VALIDATION',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'BLOCKED',
      'CHAT_CLOSED',
      'MUTED',
      'CONFIRM_REQUIRED',
      'CONTENT_BLOCKED',
    ],
  },
  {
    method: 'post',
    path: '/api/v1/chat/messages/{id}/played',
    tag: 'Messages',
    budget: 'write',
    summary: 'Say you played a voice message',
    description:
      'In a direct chat, the first play by the other person sets attachments[0].playedAt, and the sender hears message_edited (sync carries it too). Anything else changes nothing and answers 200 with the message as it is: your own voice messages, groups (nobody is told who listened), a closed chat or one with a block, a deleted message, plays after the first. Not a voice message: 400. The socket event voice_played does the same.',
    responses: [[200, 'The message, with playedAt once it was played.', 'MessageEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'put',
    path: '/api/v1/chat/messages/{id}/reactions/{emoji}',
    tag: 'Messages',
    budget: 'write',
    summary: 'React to a message',
    description: `${REACTION} Adding one you already made changes nothing (200, no event). Refused where sending is: a closed direct chat (403 CHAT_CLOSED), one with a block between its two people (403 BLOCKED), while a moderator's mute lasts (403 MUTED); a deleted message is 409, a SYSTEM notice 403. A message takes at most 20 different emoji (409 past that; reacting with one of them still works). The chat's room hears reaction_added, except people who have a block with you; the socket event add_reaction does the same.`,
    responses: [[200, 'The message with its reactions as you see them.', 'MessageEnvelope']],
    errors: ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BLOCKED', 'CHAT_CLOSED', 'MUTED'],
  },
  {
    method: 'delete',
    path: '/api/v1/chat/messages/{id}/reactions/{emoji}',
    tag: 'Messages',
    budget: 'write',
    summary: 'Take back your reaction',
    description: `${REACTION} Taking back one you did not make, or on a deleted message (its reactions went with it), changes nothing (200, no event). Allowed wherever you could delete your own message, so also in a closed or blocked chat and while muted. The chat's room hears reaction_removed, except people who have a block with you; the socket event remove_reaction does the same.`,
    responses: [[200, 'The message with its reactions as you see them.', 'MessageEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/users/search',
    tag: 'Users',
    budget: 'read',
    summary: 'Find people by name',
    description:
      'A fragment of the name. Emails are never matched (a search must not confirm that an address has an account) and never returned; you are left out, and so is anyone who blocks you.',
    query: userSearchQuerySchema,
    responses: [[200, 'Matching people.', 'UserList']],
    errors: ['VALIDATION'],
  },
  {
    method: 'get',
    path: '/api/v1/users/{id}',
    tag: 'Users',
    summary: "A person's profile card",
    description:
      'Name, photo, bio and pronouns, all plain text. Someone who blocks you is 404, like a user that does not exist; someone you block stays visible.',
    responses: [[200, 'The profile.', 'UserEnvelope']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/users/{id}/shared-chats',
    tag: 'Users',
    budget: 'read',
    summary: 'The chats you and this person are both in',
    description:
      'Your direct chat with them and the groups you share, both of you current members, latest activity first (at most 100). Nothing about any other chat. 404 as for the profile; your own id is 400.',
    responses: [[200, 'The shared chats.', 'SharedChatList']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/blocks',
    tag: 'Safety',
    budget: 'read',
    summary: 'The people you block',
    description: 'Most recent first, with when you blocked them.',
    responses: [[200, 'Your blocks.', 'BlockList']],
    errors: [],
  },
  {
    method: 'post',
    path: '/api/v1/blocks',
    tag: 'Safety',
    budget: 'write',
    summary: 'Block someone',
    description:
      'While a block stands, either way: you cannot open a direct chat with each other, nothing more can be sent in the one you have (403 BLOCKED, "This chat has ended" for both), its live events (typing, read receipts, messages) stop, and they no longer find you in people search. They are never told. Blocking someone again changes nothing (200).',
    body: 'BlockUserRequest',
    responses: [
      [201, 'Blocked.', 'BlockEnvelope'],
      [200, 'You already blocked them.', 'BlockEnvelope'],
    ],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/blocks/{userId}',
    tag: 'Safety',
    budget: 'write',
    summary: 'Stop blocking someone',
    description: 'Your direct chat with them comes back to life, unless they block you.',
    responses: [[204, 'Unblocked.']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/admin/matches',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Record a match (platform admin)',
    description:
      'How the host product tells the chat server that two people matched. With DM_POLICY=matched only matched people may open a direct chat with each other, and people search finds only your matches. Matching two people again after one closed their chat opens it again. 200 when they were already matched. Everyone but a platform admin gets 404.',
    body: 'MatchRequest',
    responses: [
      [201, 'Matched.', 'MatchEnvelope'],
      [200, 'They were already matched.', 'MatchEnvelope'],
    ],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/admin/matches',
    tag: 'Moderation',
    budget: 'write',
    summary: 'Remove a match (platform admin)',
    description:
      'They can no longer open a new direct chat with each other under DM_POLICY=matched; a chat they already have stays as it is (close it to end it). 404 when they were not matched, and for everyone but a platform admin.',
    body: 'MatchRequest',
    responses: [[204, 'Unmatched.']],
    errors: ['VALIDATION', 'NOT_FOUND'],
  },
  ...moderationOperations,
  {
    method: 'get',
    path: '/api/v1/users/me/hidden-words',
    tag: 'Safety',
    budget: 'read',
    summary: 'Your hidden words',
    description:
      'Messages from others that contain one of these (whole word, any case) are shown collapsed by your own client. The server never matches them: it only keeps the list, which nobody else can read.',
    responses: [[200, 'Your hidden words.', 'HiddenWords']],
    errors: [],
  },
  {
    method: 'put',
    path: '/api/v1/users/me/hidden-words',
    tag: 'Safety',
    budget: 'write',
    summary: 'Replace your hidden words',
    description:
      'At most 200 words of 1–64 characters, stored trimmed and lower-cased. Unknown fields are refused.',
    body: 'HiddenWordsRequest',
    responses: [[200, 'Your hidden words now.', 'HiddenWords']],
    errors: ['VALIDATION'],
  },
  {
    method: 'get',
    path: WORDS,
    tag: 'Moderation',
    budget: 'read',
    summary: 'The platform word list',
    description:
      'Moderators and admins only; anyone else gets 404. Besides these words, a built-in English profanity list flags (or blocks, or not; WORD_FILTER_BASELINE) messages.',
    responses: [[200, 'Every word, alphabetically.', 'FilterWordList']],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: WORDS,
    tag: 'Moderation',
    budget: 'write',
    summary: 'Add a word to block or flag',
    description:
      'Moderators and admins only (404 for others). Applies to sends and edits from now on, on every server process within 30 s. Audited. 409 when the word is already on the list, or the list holds 2000 words.',
    body: 'AddFilterWordRequest',
    responses: [[201, 'Added.', 'FilterWordEnvelope']],
    errors: ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
  },
  {
    method: 'delete',
    path: `${WORDS}/{id}`,
    tag: 'Moderation',
    budget: 'write',
    summary: 'Take a word off the list',
    description: 'Moderators and admins only (404 for others). Audited.',
    responses: [[204, 'Removed.']],
    errors: ['NOT_FOUND'],
  },
];
