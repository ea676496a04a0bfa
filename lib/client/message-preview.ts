// A message on one line where there is no room for its media: the chat list,
// reply quotes, the reply bar, the screen reader's announcement.
import type { MessageDto } from '../chat/dto';
import { attachmentsOf, formatDuration } from './media';

export function messagePreview(m: Pick<MessageDto, 'type' | 'content' | 'attachments'>): string {
  const caption = m.content.replace(/\s+/g, ' ').trim();
  const first = attachmentsOf(m)[0];
  if (m.type === 'IMAGE') return caption ? `📷 ${caption}` : '📷 Photo';
  if (m.type === 'VOICE') return `🎤 Voice message (${formatDuration(first?.durationMs)})`;
  if (m.type === 'FILE') return caption ? `📎 ${caption}` : `📎 ${first?.name ?? 'File'}`;
  return caption;
}
