// Media in an S3-compatible bucket (AWS S3, MinIO, R2, …), for deployments
// of several processes: every process reads and writes the same bucket.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { assertKey, StorageMissing, type ByteRange, type MediaStorage, type StorageSource } from './types';

export interface S3Config {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  /** Without them, the SDK's default chain (environment, instance role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key: `chat/` stores `ab/…` as `chat/ab/…`. */
  prefix: string;
}

export function openS3Storage(config: S3Config): MediaStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 requires them: the SDK's default sends stream
    // bodies aws-chunked with a checksum trailer, which many S3-compatible
    // servers do not understand (they would store the framing as the bytes).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A stalled bucket fails a request rather than holding it (and its upload) open.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  const Bucket = config.bucket;
  const objectKey = (key: string) => {
    assertKey(key);
    return config.prefix + key;
  };

  return {
    driver: 's3',

    async put(key: string, source: StorageSource, contentType: string): Promise<void> {
      const [Body, ContentLength] =
        'path' in source
          ? [createReadStream(source.path), (await stat(source.path)).size]
          : [source.stream, source.size];
      await client.send(
        new PutObjectCommand({ Bucket, Key: objectKey(key), Body, ContentLength, ContentType: contentType }),
      );
    },

    async get(key: string, range?: ByteRange): Promise<Readable> {
      try {
        const answer = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: objectKey(key),
            ...(range && { Range: `bytes=${range.start}-${range.end}` }),
          }),
        );
        // In Node the body is the response stream itself.
        return answer.Body as Readable;
      } catch (error) {
        if (isMissing(error)) throw new StorageMissing(key);
        throw error;
      }
    },

    async stat(key: string): Promise<{ size: number } | null> {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key: string): Promise<void> {
      // S3 answers 204 whether or not the key existed.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async check(): Promise<void> {
      await client.send(new HeadBucketCommand({ Bucket }));
    },

    close(): void {
      client.destroy();
    },
  };
}

function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}
