// An upload's public fields (AttachmentDto) as a zod schema: a message's
// `attachments`, a report's evidence and the upload API's answer describe
// it the same way. Apart from schemas.ts so the moderation schemas, which
// schemas.ts imports, can use it too.
import { z } from 'zod';
import type { AttachmentDto } from '../dto';

export const attachmentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['image', 'file', 'voice']),
  mime: z.string().describe('The served bytes’ type, sniffed from them (voice is always audio/mp4).'),
  size: z.number().int().min(0).describe('Bytes.'),
  name: z.string().describe('The file name as uploaded, cleaned.'),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  durationMs: z.number().int().optional().describe('Voice: the length, measured by decoding.'),
  thumbhash: z
    .string()
    .optional()
    .describe('Images: a base64 ThumbHash placeholder to show until the thumbnail loads.'),
  waveform: z.array(z.number().int()).optional().describe('Voice: about 64 bars of loudness, 0–255.'),
  url: z.string().describe('/api/v1/media/{id}: the bytes, for the chat’s members only.'),
  thumbnailUrl: z.string().optional().describe('Images: /api/v1/media/{id}?variant=thumbnail (WebP).'),
  playedAt: z.iso
    .datetime()
    .optional()
    .describe('Voice in a direct chat: when the other person first played it.'),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesDto: Same<z.infer<typeof attachmentSchema>, AttachmentDto> = true;
