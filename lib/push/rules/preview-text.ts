// What a message says in one line, for a `full` preview. A stand-in until
// the chat's shared preview helper (lib/chat/rules/preview.ts, issue 16)
// lands: then `previewText` becomes a re-export of it.
import type { MessageType } from '../../chat/dto';

interface Previewed {
  type: MessageType;
  content: string;
  attachments: unknown;
}

const first = (attachments: unknown): { name?: unknown; durationMs?: unknown } | undefined =>
  Array.isArray(attachments) && typeof attachments[0] === 'object' && attachments[0] !== null
    ? (attachments[0] as { name?: unknown; durationMs?: unknown })
    : undefined;

function duration(ms: unknown): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return '';
  const seconds = Math.round(ms / 1000);
  return ` (${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')})`;
}

export function previewText(message: Previewed): string {
  const caption = message.content.trim();
  switch (message.type) {
    case 'IMAGE':
      return caption ? `📷 ${caption}` : '📷 Photo';
    case 'VOICE':
      return `🎤 Voice message${duration(first(message.attachments)?.durationMs)}`;
    case 'FILE': {
      const name = first(message.attachments)?.name;
      return `📎 ${typeof name === 'string' && name ? name : 'File'}`;
    }
    default:
      return message.content;
  }
}
