// The error codes a client can meet, in REST bodies `{ error }` and socket
// acks `{ ok: false, error }`. The server maps each to an HTTP status (lib/errors.ts).

export type ErrorCode =
  | 'VALIDATION'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'EDIT_WINDOW_EXPIRED'
  | 'BLOCKED'
  | 'CHAT_CLOSED'
  | 'MUTED'
  | 'ACCOUNT_SUSPENDED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'EMAIL_TAKEN'
  | 'CONFIRM_REQUIRED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'CONTENT_BLOCKED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** With RATE_LIMITED: when to try again (HTTP also sends it as Retry-After). */
  retryAfterSeconds?: number;
}
