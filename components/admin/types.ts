// What the console reads from /api/v1/admin (docs/api.md, Safety). Kept to
// the fields the screens show.

export type ReportCategory =
  'spam' | 'harassment' | 'hate' | 'sexual_content' | 'underage' | 'threat_of_harm' | 'scam' | 'other';

export type ReportStatus = 'open' | 'dismissed' | 'actioned';
export type ReportFilter = ReportStatus | 'all';
export type DecisionAction = 'dismiss' | 'warn' | 'delete_messages' | 'mute' | 'suspend' | 'ban';

export interface PersonRef {
  id: string;
  name: string;
}

export interface EvidenceMessage {
  id: string;
  senderId: string | null;
  senderName: string | null;
  type: string;
  content: string;
  attachments: unknown;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** One of the messages the report names; the rest is the chat around them. */
  reported: boolean;
}

export interface Decision {
  action: DecisionAction;
  reason: string | null;
  until: string | null;
  decidedAt: string;
  decidedById: string | null;
}

export interface AdminReport {
  id: string;
  category: ReportCategory;
  status: ReportStatus;
  reporterId: string;
  reportedUserId: string;
  chatId: string | null;
  messageIds: string[];
  note: string | null;
  priority: number;
  createdAt: string;
  dueAt: string;
  reporter: PersonRef | null;
  reportedUser: PersonRef | null;
  evidence: { messages: EvidenceMessage[]; chatId: string | null; frozenAt: string; sha256: string };
  decision: Decision | null;
}

export interface ReportHistory {
  reports: {
    id: string;
    category: ReportCategory;
    status: ReportStatus;
    createdAt: string;
    action: DecisionAction | null;
  }[];
  sanctions: {
    mutedUntil: string | null;
    suspendedUntil: string | null;
    bannedAt: string | null;
    reason: string | null;
  };
}

export interface AuditItem {
  id: string;
  actorId: string;
  actorName: string | null;
  action: string;
  targetUserId: string | null;
  /** Not in the first version of the API: the target's id is shown until it is. */
  targetName?: string | null;
  reportId: string | null;
  reason: string | null;
  details: unknown;
  createdAt: string;
}

export interface Moderator {
  id: string;
  name: string;
  email: string;
  role: 'MODERATOR' | 'ADMIN';
}

export interface FilterWord {
  id: string;
  word: string;
  action: 'block' | 'flag';
  createdAt: string;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}
