import { AppError, isUniqueViolation, isWriteConflict } from '../errors';
import { announce } from '../events/bus';
import { assertNotMuted } from '../users/sanctions';
import type { MessageDto } from './dto';
import { toMessageDto } from './dto/mappers';
import { chatClosed, chatEnded, notInChat } from './rules/access';
import type { InsertOutcome } from './store/insert-message';

export interface Sent {
  message: MessageDto;
  /** false when clientMessageId found the message an earlier attempt stored. */
  created: boolean;
}

export interface SendAttempt {
  userId: string;
  chatId: string;
  clientMessageId: string | undefined;
  /** The connection it came through (opaque): the socket layer spares it the echo. */
  origin?: string;
  /** Writes the message; called once more when the first call lost a race. */
  insert: () => Promise<InsertOutcome>;
  /** Starts the whole send over: a mute that ended a moment ago. */
  again: () => Promise<Sent>;
  /** The refusal for a reply target that is not in the chat. */
  badReply: () => AppError;
}

/**
 * Writes a message (sent or forwarded) and turns the store's outcome into
 * the sender's answer, announcing a new message. A twin with the same
 * clientMessageId that committed first, or a deadlock PostgreSQL broke by
 * aborting ours, rolled our insert back whole (seq included): asking again
 * finds the twin or writes the message.
 */
export async function completeSend(attempt: SendAttempt): Promise<Sent> {
  let outcome: InsertOutcome;
  try {
    outcome = await attempt.insert();
  } catch (error) {
    const twin = attempt.clientMessageId !== undefined && isUniqueViolation(error);
    if (!twin && !isWriteConflict(error)) throw error;
    outcome = await attempt.insert();
  }
  switch (outcome.kind) {
    case 'not_member':
      throw notInChat();
    case 'blocked':
      throw chatEnded();
    case 'closed':
      throw chatClosed();
    case 'muted':
      // Throws while the mute lasts; when it has just ended, this send may go through.
      await assertNotMuted(attempt.userId);
      return attempt.again();
    case 'bad_reply':
      throw attempt.badReply();
    case 'existing':
      if (outcome.row.chatId !== attempt.chatId.toLowerCase()) {
        throw new AppError(
          'CONFLICT',
          'clientMessageId: You already used this id for a message in another chat.',
        );
      }
      return { message: toMessageDto(outcome.row), created: false };
    case 'created': {
      const message = toMessageDto(outcome.row);
      announce({ type: 'message.sent', actor: { userId: attempt.userId, origin: attempt.origin }, message });
      return { message, created: true };
    }
  }
}
