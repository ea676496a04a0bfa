// The user-facing DTOs that socket events carry (types only).

/** What anyone may see of a user. */
export interface PublicUser {
  id: string;
  name: string;
  avatarUrl: string | null;
}

/** Who may do something to you: everyone, people you share a chat with, or nobody. */
export type Audience = 'everyone' | 'chats' | 'nobody';

export interface SettingsDto {
  readReceipts: boolean;
  lastSeen: Audience;
  typingIndicator: boolean;
  groupInvites: Audience;
  linkPreviews: boolean;
}

export type NoticeKind = 'report.received' | 'report.decided' | 'warning' | 'sanction' | 'account.restored';

/** A message from the platform to one person. */
export interface NoticeDto {
  id: string;
  userId: string;
  kind: NoticeKind;
  text: string;
  createdAt: string;
  readAt: string | null;
}

export interface InvitationDto {
  id: string;
  chat: { id: string; name: string | null; avatarUrl: string | null; participantCount: number };
  /** Null once the inviter's account is gone. */
  inviter: PublicUser | null;
  createdAt: string;
}
