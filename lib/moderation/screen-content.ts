// The platform word filter applied to a message about to be sent or edited.
// A BLOCK word refuses it; a FLAG word asks the sender once "Are you sure?"
// and, confirmed, lets it through marked `flagged`, so its receivers are
// asked "Does this bother you?". Runs in memory: no query per message.
import { AppError } from '../errors';
import { activeWordFilter } from './active-word-filter';

/** Long enough for any console word; a run of repeated letters is cut short. */
const ECHO_MAX = 64;

function quoted(text: string): string {
  return `“${text.length > ECHO_MAX ? `${text.slice(0, ECHO_MAX)}…` : text}”`;
}

/**
 * Throws CONTENT_BLOCKED (422) for a BLOCK word, CONFIRM_REQUIRED (409) for a
 * FLAG word unless the sender confirmed; answers whether to store it flagged.
 * The words are echoed as the sender wrote them: they need to know which.
 */
export async function screenContent(content: string, confirmed = false): Promise<{ flagged: boolean }> {
  const hit = (await activeWordFilter()).check(content);
  if (!hit) return { flagged: false };
  if (hit.action === 'block') {
    throw new AppError(
      'CONTENT_BLOCKED',
      `This message contains a word that is not allowed here: ${quoted(hit.text)}. Change it to send your message.`,
    );
  }
  if (!confirmed) {
    throw new AppError(
      'CONFIRM_REQUIRED',
      `Are you sure? ${quoted(hit.text)} may be hurtful to the person you are writing to. Send it anyway, or edit it.`,
    );
  }
  return { flagged: true };
}
