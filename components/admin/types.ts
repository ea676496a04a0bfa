// What the console reads from /api/v1/admin: the services' own DTO types
// (erased at build time; nothing server-side reaches the browser).
export type { Page as CursorPage } from '@/lib/chat/dto';
export type {
  DecisionDto as Decision,
  EvidenceMessage,
  ReportDto as AdminReport,
  ReportStatus,
} from '@/lib/moderation/dto';
export type { AuditEntryDto as AuditItem } from '@/lib/moderation/list-audit';
export type { ReportFilter, ReportHistory } from '@/lib/moderation/list-reports';
export type { StaffMemberDto as Moderator } from '@/lib/moderation/roles';
export type { ModerationActionName as DecisionAction, ReportCategory } from '@/lib/validations/moderation';

export type { FilterWordDto as FilterWord } from '@/lib/moderation/filter-words';
