// The upload form's text fields and the media query, written once: the
// server's upload and media handlers (lib/media/http) and the OpenAPI document.
import { z } from 'zod';
import { idSchema } from './chat';

/** The text fields of POST /api/v1/uploads; the bytes come in the `file` part. */
export const uploadFieldsSchema = z.object({
  chatId: idSchema
    .optional()
    .describe('The chat the file is for; a group for a group photo; none for your profile photo.'),
  kind: z
    .enum(['voice'], {
      error: 'kind: The only kind to ask for is "voice"; photos and files are recognised from their bytes.',
    })
    .optional()
    .describe('"voice": a voice message, checked by decoding it and stored as AAC in MP4.'),
  purpose: z
    .enum(['message', 'avatar'], { error: 'purpose: Use "message" (the default) or "avatar".' })
    .optional()
    .describe('"avatar": a profile photo (no chatId) or the photo of a group you are an admin of (chatId).'),
});

export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** The form as the OpenAPI document shows it. */
export const uploadFormSchema = uploadFieldsSchema.extend({
  file: z.file().describe('The bytes; the part’s filename becomes the upload’s name.'),
});

export const mediaQuerySchema = z.object({
  variant: z
    .enum(['thumbnail'], { error: 'variant: The only variant is "thumbnail".' })
    .optional()
    .describe('"thumbnail": the WebP thumbnail of an image (at most 512 px a side).'),
});
