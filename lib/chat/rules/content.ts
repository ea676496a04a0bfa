import { env } from '../../env';
import { AppError } from '../../errors';

/**
 * Refuses text longer than MESSAGE_MAX_LENGTH characters (Unicode code
 * points, as PostgreSQL counts them, so an emoji is one) with 413.
 */
export function assertContentLength(content: string): void {
  const max = env().MESSAGE_MAX_LENGTH;
  // Code points never outnumber UTF-16 units, so short strings need no count.
  if (content.length <= max) return;
  let count = 0;
  for (const _ of content) if (++count > max) break;
  if (count > max) {
    throw new AppError('PAYLOAD_TOO_LARGE', `A message can be at most ${max} characters long.`);
  }
}
