// What happened, as the services announce it once their transaction has
// committed. Subscribers (the socket layer today; notifications,
// moderation, analytics and exports next) turn these into effects; a
// service never knows who listens, nor what a socket is.
import type { ChatDto, HiddenMessageDto, MessageDto, ReactionEventDto, ReadReceiptDto } from '../chat/dto';
import type { NoticeDto } from '../users/notices';
import type { InvitationDto } from '../users/invitations';
import type { SettingsDto } from '../users/settings';
import type { ExportDto } from '../exports/dto';

/**
 * Who made the change. `origin` is the connection it came through, opaque
 * to the services: the socket layer uses it to spare that connection an
 * echo of what its ack already answered.
 */
export interface Actor {
  userId: string | null;
  origin?: string;
}

export type DomainEvent =
  | SettingsEvent
  | ExportEvent
  | { type: 'message.sent'; actor: Actor; message: MessageDto }
  | { type: 'message.edited'; actor: Actor; message: MessageDto }
  | { type: 'message.deleted'; actor: Actor; message: MessageDto }
  /** Deleted for one person only: only their own sockets hear of it. */
  | { type: 'message.hidden'; actor: Actor; userId: string; hidden: HiddenMessageDto }
  | { type: 'receipt.moved'; actor: Actor; receipt: ReadReceiptDto }
  | { type: 'reaction.added'; actor: Actor; reaction: ReactionEventDto }
  | { type: 'reaction.removed'; actor: Actor; reaction: ReactionEventDto }
  | { type: 'chat.created'; actor: Actor; chat: ChatDto }
  /** Name, details or roles changed; announced after any member events of the same change. */
  | { type: 'chat.updated'; actor: Actor; chat: ChatDto }
  /** `userIds`: people to tell besides the chat's room (a closed chat's people are not in it). */
  | { type: 'chat.deleted'; actor: Actor; chatId: string; userIds?: string[] }
  | { type: 'member.added'; actor: Actor; chat: ChatDto; userIds: string[] }
  /** Taken out by an admin or moderator (`actor`), or gone by themselves (`left`). */
  | { type: 'member.removed'; actor: Actor; chatId: string; userId: string; left: boolean }
  | { type: 'session.ended'; actor: Actor; sessionId: string }
  | { type: 'credentials.revoked'; actor: Actor; userId: string }
  /** A direct chat closed (unmatched) by one of its people; its live events stop for both. */
  | { type: 'chat.closed'; actor: Actor; chat: ChatDto }
  /** A message from the platform to one person (a report's confirmation or decision, a warning). */
  | { type: 'notice.created'; actor: Actor; notice: NoticeDto }
  /** `directChatId`: the pair's direct chat, whose live events stop. */
  | { type: 'block.added'; actor: Actor; blockerId: string; blockedId: string; directChatId: string | null }
  /** `directChatId`: set when their direct chat is live again (no block left either way). */
  | {
      type: 'block.removed';
      actor: Actor;
      blockerId: string;
      blockedId: string;
      directChatId: string | null;
    };

/** Privacy settings changed (lib/users/settings.ts): the person's own tabs hear of it. */
export type SettingsEvent =
  | { type: 'settings.updated'; actor: Actor; userId: string; settings: SettingsDto }
  /** Someone was invited to a group their groupInvites setting kept them from being added to. */
  | { type: 'invitation.created'; actor: Actor; inviteeId: string; invitation: InvitationDto }
  /** Accepted or declined: the invitee's other tabs drop it. */
  | { type: 'invitation.closed'; actor: Actor; inviteeId: string; invitationId: string };

/** An export job moved (lib/exports/worker.ts): only its owner's sockets hear of it. */
export type ExportEvent =
  | { type: 'export.progress'; actor: Actor; userId: string; exportId: string; progress: number }
  | { type: 'export.ready'; actor: Actor; userId: string; export: ExportDto }
  | { type: 'export.failed'; actor: Actor; userId: string; export: ExportDto };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
