// Turns a received file into a stored upload: what the bytes are decides
// what is made of them (a cleaned photo and its thumbnail, a voice message
// that plays everywhere, or the file as it is); the results go to media
// storage under random keys and only then is the row written. Anything that
// fails on the way removes what was stored, so nothing is half-kept.
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { logger } from '../logger';
import type { UploadFields } from '../validations/uploads';
import { authorizeUpload } from './authorize-upload';
import { toUploadDto, type UploadDto } from './dto';
import { withExtension } from './file-name';
import { newStorageKey } from './keys';
import { chooseProcessing, fileMime } from './media-types';
import { mediaStorage } from './storage';
import { assertUploadQuota } from './upload-quota';

export interface ReceivedFile {
  /** The bytes as received, in a temporary file the caller removes. */
  path: string;
  size: number;
  /** The part's filename, cleaned (lib/media/file-name.ts). */
  name: string;
}

export interface CreateUploadOptions {
  userId: string;
  fields: UploadFields;
  file: ReceivedFile;
  /** A directory for the processed files; the caller removes it. */
  workDir: string;
  /** True once the client has gone: then nothing is stored. */
  abandoned?: () => boolean;
}

interface Made {
  kind: 'IMAGE' | 'FILE' | 'VOICE';
  mime: string;
  path: string;
  size: number;
  name: string;
  thumbnailPath?: string;
  details: {
    width?: number;
    height?: number;
    durationMs?: number;
    thumbhash?: string;
    waveform?: number[];
    locationRemoved?: boolean;
  };
}

export async function createUpload(options: CreateUploadOptions): Promise<UploadDto> {
  const { userId, fields, file, workDir, abandoned } = options;
  if (file.size === 0) throw new AppError('VALIDATION', 'file: The file is empty.');
  const target = await authorizeUpload(userId, fields);
  const sniffed = await (await processors()).sniffMime(file.path);
  const made = await make(
    chooseProcessing({ sniffed, kind: fields.kind, purpose: fields.purpose ?? 'message' }),
  );
  await assertUploadQuota(userId, made.size);
  if (abandoned?.()) throw new ClientGone();

  const storage = mediaStorage();
  const storageKey = newStorageKey();
  const thumbnailKey = made.thumbnailPath ? newStorageKey() : null;
  const stored: string[] = [];
  try {
    stored.push(storageKey);
    await storage.put(storageKey, { path: made.path }, made.mime);
    if (thumbnailKey && made.thumbnailPath) {
      stored.push(thumbnailKey);
      await storage.put(thumbnailKey, { path: made.thumbnailPath }, 'image/webp');
    }
    if (abandoned?.()) throw new ClientGone();
    const row = await db().upload.create({
      data: {
        uploaderId: userId,
        chatId: target.chatId,
        purpose: target.purpose,
        kind: made.kind,
        mime: made.mime,
        size: made.size,
        name: made.name,
        storageKey,
        thumbnailKey,
        ...made.details,
      },
    });
    return toUploadDto(row);
  } catch (error) {
    await Promise.all(
      stored.map((key) =>
        storage
          .delete(key)
          .catch((err: unknown) => logger().error({ err, key }, 'could not remove stored media')),
      ),
    );
    throw error;
  }

  async function make(processing: 'image' | 'voice' | 'file'): Promise<Made> {
    if (processing === 'image') {
      const image = await (await processors()).processImage(file.path, workDir);
      return {
        kind: 'IMAGE',
        mime: image.mime,
        path: image.originalPath,
        size: image.originalSize,
        name: withExtension(file.name, image.mime),
        thumbnailPath: image.thumbnailPath,
        details: {
          width: image.width,
          height: image.height,
          thumbhash: image.thumbhash,
          locationRemoved: image.locationRemoved,
        },
      };
    }
    if (processing === 'voice') {
      const voice = await (
        await processors()
      ).processVoice(file.path, workDir, {
        maxSeconds: env().VOICE_MAX_SECONDS,
      });
      return {
        kind: 'VOICE',
        mime: voice.mime,
        path: voice.path,
        size: voice.size,
        name: withExtension(file.name, voice.mime),
        details: { durationMs: voice.durationMs, waveform: voice.waveform },
      };
    }
    return {
      kind: 'FILE',
      mime: fileMime(sniffed),
      path: file.path,
      size: file.size,
      name: file.name,
      details: {},
    };
  }
}

/**
 * sharp, file-type and ffmpeg's wrapper, loaded with the first upload
 * rather than at every start (together about a second on a busy machine).
 */
function processors() {
  return Promise.all([import('./image'), import('./voice'), import('./sniff')]).then(
    ([image, voice, sniff]) => ({ ...image, ...voice, ...sniff }),
  );
}

/** The client went away before the upload was stored: there is no one to answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away during the upload');
    this.name = 'ClientGone';
  }
}
