// Uploads and media in the OpenAPI document (registered in lib/openapi.ts).
// Both are answered by the HTTP server itself, before Next (lib/media/http).
import { z } from 'zod';
import { attachmentSchema } from '../chat/openapi/attachment';
import type { ApiOperation } from '../http/api-operation';
import { mediaQuerySchema, uploadFormSchema } from '../validations/uploads';
import type { UploadDto } from './dto';

// The attachment itself is the chat API's schema (`Attachment`), one description for both.
const upload = attachmentSchema.extend({
  locationRemoved: z.boolean().describe('The photo carried a GPS position, which is in nothing served.'),
});

export const mediaApiSchemas = {
  UploadForm: uploadFormSchema,
  UploadEnvelope: z.object({ upload }),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesDto: Same<z.infer<typeof upload>, UploadDto> = true;

export const mediaOperations: Array<ApiOperation<keyof typeof mediaApiSchemas>> = [
  {
    method: 'post',
    path: '/api/v1/uploads',
    tag: 'Media',
    budget: 'write',
    summary: 'Upload a photo, a file or a voice message',
    description: [
      'multipart/form-data with the bytes in `file` (its filename becomes `name`) and `chatId`, a chat you are in; send `chatId` before `file` and an upload to a chat you are not in is refused before its bytes are read.',
      'What the bytes are decides what is stored, never the name or the declared type: JPEG, PNG, WebP, GIF and AVIF become `image` (metadata and GPS removed, orientation applied, a WebP thumbnail and a ThumbHash); `kind=voice` must decode as sound and is stored as AAC in MP4; anything else is a `file`, served only as a download.',
      '`purpose=avatar`: a profile photo (no chatId) or the photo of a group you are an admin of; it must be an image.',
      'Limits: UPLOAD_MAX_BYTES a file (413, before the body is read when Content-Length says so), VOICE_MAX_SECONDS a recording, UPLOAD_DAILY_FILES and UPLOAD_DAILY_BYTES in any 24 hours (429 with retryAfterSeconds). A message must take the upload within 24 hours, or it is removed.',
    ].join(' '),
    form: 'UploadForm',
    responses: [[201, 'Stored; attach it to a message with attachmentIds.', 'UploadEnvelope']],
    errors: [
      'VALIDATION',
      'NOT_FOUND',
      'FORBIDDEN',
      'CHAT_CLOSED',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  },
  {
    method: 'get',
    path: '/api/v1/media/{id}',
    tag: 'Media',
    summary: 'The bytes of an upload',
    description: [
      'For the members of the upload’s chat (its uploader alone until a message takes it), anyone signed in for a profile photo; everyone else, and deleted messages’ media, 404.',
      'Single byte ranges (206 with Content-Range, 416 past the end), ETag and If-None-Match (304), `Cache-Control: private`.',
      'Photos, audio and PDF are served inline, everything else as a download (`Content-Disposition: attachment`, and `application/octet-stream` unless it is audio, video or a photo); always with `X-Content-Type-Options: nosniff` and `Content-Security-Policy: sandbox`. HEAD answers the same headers.',
    ].join(' '),
    query: mediaQuerySchema,
    bytes: [
      [200, 'The file.'],
      [206, 'The requested range of it.'],
      [304, 'Not modified since the ETag you sent.'],
    ],
    responses: [],
    errors: ['NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  },
];
