// One error type for the domain. Services throw it; only the transports
// (HTTP route handlers, socket acks) turn it into a response. The codes and
// the body clients see are part of the protocol (sdk/src/protocol/errors.ts).
import type { ErrorBody, ErrorCode } from '../sdk/src/protocol/errors';

export type { ErrorBody, ErrorCode };

export const ERROR_STATUS = {
  VALIDATION: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  EDIT_WINDOW_EXPIRED: 403,
  BLOCKED: 403,
  /** The direct chat was closed (unmatched) by one of its people. */
  CHAT_CLOSED: 403,
  /** A moderator muted the caller: no sends or edits until the time given. */
  MUTED: 403,
  /** Suspended or banned: sign-in and every credential are refused. */
  ACCOUNT_SUSPENDED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  /** The message holds a word the platform flags: send again with `confirmed: true` to send it anyway. */
  CONFIRM_REQUIRED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A media Range that starts past the end of the file. */
  RANGE_NOT_SATISFIABLE: 416,
  /** The message holds a word the platform does not allow. */
  CONTENT_BLOCKED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, number>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** What a client may see of any error: AppErrors as they are, anything else as a bare 500. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.retryAfterSeconds !== undefined) body.retryAfterSeconds = error.retryAfterSeconds;
    return body;
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again.' };
}

/**
 * A unique-constraint violation, from Prisma's model API (P2002) or from a
 * raw query (P2010 wrapping the driver adapter's UniqueConstraintViolation),
 * detected without importing Prisma's runtime.
 */
export function isUniqueViolation(error: unknown): boolean {
  return hasPrismaCode(error, 'P2002', 'UniqueConstraintViolation') || hasSqlState(error, '23505');
}

/**
 * PostgreSQL aborted the transaction to break a deadlock (40P01) or a
 * serialization conflict (40001). Nothing of it was written: run it again.
 */
export function isWriteConflict(error: unknown): boolean {
  return (
    hasPrismaCode(error, 'P2034', 'TransactionWriteConflict') ||
    hasSqlState(error, '40P01') ||
    hasSqlState(error, '40001')
  );
}

/** An error straight from `pg` (lib/db/prepared.ts), which carries PostgreSQL's SQLSTATE. */
function hasSqlState(error: unknown, state: string): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === state && 'severity' in error
  );
}

function hasPrismaCode(error: unknown, modelCode: string, adapterKind: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  if (code === modelCode) return true;
  return code === 'P2010' && meta?.driverAdapterError?.cause?.kind === adapterKind;
}

/** Runs `work` again (up to 3 times in all) when PostgreSQL aborted it for a write conflict. */
export async function retryOnWriteConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3 || !isWriteConflict(error)) throw error;
    }
  }
}
