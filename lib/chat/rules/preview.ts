// One line that stands for a message where the whole cannot be shown: the
// chat list, notifications, a reply's quote. Pure, with no server imports,
// so the web app and the server summarise a message the same way.
import type { AttachmentDto, MessageDto } from '../dto';

/** A MessageDto, or a row read for a notification (deletedAt left out when it cannot be set). */
export type PreviewedMessage = Pick<MessageDto, 'type' | 'content'> & {
  attachments: Pick<AttachmentDto, 'name' | 'durationMs'>[] | null;
  deletedAt?: string | Date | null;
};

/** 0:07, 1:30, 1:02:03: a voice message's length as players show it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * "📷 Photo", "📷 3 photos", "📄 report.pdf", "🎤 Voice message (0:12)";
 * a caption, when there is one, takes the label's place ("📷 At the beach").
 * Whitespace runs become one space; `maxLength` cuts (in code points, so an
 * emoji is never split) and ends with "…".
 */
export function messagePreview(
  message: PreviewedMessage,
  { maxLength }: { maxLength?: number } = {},
): string {
  if (message.deletedAt) return 'Message deleted';
  const caption = message.content.replace(/\s+/g, ' ').trim();
  const line = (() => {
    const attachments = message.attachments ?? [];
    switch (message.type) {
      case 'IMAGE':
        return `📷 ${caption || (attachments.length > 1 ? `${attachments.length} photos` : 'Photo')}`;
      case 'FILE':
        return `📄 ${caption || attachments[0]?.name || 'File'}`;
      case 'VOICE': {
        const ms = attachments[0]?.durationMs;
        return `🎤 ${caption || `Voice message${ms === undefined ? '' : ` (${formatDuration(ms)})`}`}`;
      }
      default:
        return caption;
    }
  })();
  if (maxLength === undefined) return line;
  const points = [...line];
  return points.length > maxLength ? `${points.slice(0, Math.max(0, maxLength - 1)).join('')}…` : line;
}

/**
 * The chat list's line for a reaction that is the chat's latest activity:
 * `Ann reacted ❤️ to “Picnic on Sunday?”`. `quoted: false` leaves the
 * message's words out (one the reader hid) and says "to a message".
 */
export function reactionPreview(
  { who, emoji, message }: { who: string; emoji: string; message: PreviewedMessage },
  { quoted = true, maxLength = 40 }: { quoted?: boolean; maxLength?: number } = {},
): string {
  const line = quoted ? messagePreview(message, { maxLength }) : '';
  return line ? `${who} reacted ${emoji} to “${line}”` : `${who} reacted ${emoji} to a message`;
}
