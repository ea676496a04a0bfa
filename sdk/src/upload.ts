// Files to POST /api/v1/uploads as multipart/form-data. XMLHttpRequest where
// there is one (browsers, React Native), because fetch cannot report how much
// of a request body has been sent; fetch elsewhere (Node), with no progress
// until the end.
import type { AttachmentDto, ErrorBody, ErrorCode } from './protocol/index.js';
import { ChatApiError } from './rest/client.js';
import type { ChatClientOptions } from './types.js';

/** What the server answers: the attachment, and whether a GPS position was taken out. */
export type UploadAnswer = AttachmentDto & { locationRemoved: boolean };

export interface UploadInput {
  file: Blob;
  /** The name the server stores; a File's own name when not given. */
  name?: string;
  /** The chat it is for; none for a profile photo. */
  chatId?: string;
  /** `voice`: decode as audio and store a version every player plays. */
  kind?: 'voice';
  /** `avatar`: a profile photo, or (with chatId) a group's photo. */
  purpose?: 'avatar';
  /** 0–1 of the bytes sent. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/** The upload's signal aborted it: not an error to show. */
export class UploadAbortedError extends Error {
  constructor() {
    super('Upload cancelled.');
    this.name = 'UploadAbortedError';
  }
}

/** What to say when the server's answer carries no error body of its own. */
function refusal(status: number): ErrorBody {
  const [code, message]: [ErrorCode, string] =
    status === 413
      ? ['PAYLOAD_TOO_LARGE', 'This file is too large to send.']
      : status === 415
        ? ['UNSUPPORTED_MEDIA_TYPE', 'This type of file cannot be sent.']
        : status === 429
          ? ['RATE_LIMITED', 'You are sending a lot right now. Wait a moment, then try again.']
          : status === 401
            ? ['UNAUTHENTICATED', 'You were signed out. Sign in again to send files.']
            : status >= 500
              ? ['INTERNAL', 'The server could not take this file. Try again.']
              : ['VALIDATION', 'This file could not be uploaded.'];
  return { code, message };
}

const interrupted = () =>
  new ChatApiError(0, {
    code: 'UNAVAILABLE',
    message: 'The upload was interrupted. Check your connection, then try again.',
  });

/** The answer's body into the attachment, or the refusal it says (or its status implies). */
function settle(status: number, text: string): UploadAnswer {
  let body: { upload?: UploadAnswer; error?: ErrorBody } | null = null;
  try {
    body = JSON.parse(text) as { upload?: UploadAnswer; error?: ErrorBody } | null;
  } catch {
    // A proxy's HTML page, or nothing: the status says enough.
  }
  if ((status === 200 || status === 201) && body?.upload) return body.upload;
  throw new ChatApiError(status, body?.error ?? refusal(status >= 200 && status < 300 ? 500 : status));
}

export function createUploader(options: ChatClientOptions, tokenOf: (() => Promise<string>) | undefined) {
  const url = `${options.baseUrl}/api/v1/uploads`;
  return async function upload(input: UploadInput): Promise<UploadAnswer> {
    if (input.signal?.aborted) throw new UploadAbortedError();
    // The fields go before the file, so the server can refuse a stranger's
    // chat or an oversized body before reading the bytes.
    const form = new FormData();
    if (input.chatId) form.append('chatId', input.chatId);
    if (input.kind) form.append('kind', input.kind);
    if (input.purpose) form.append('purpose', input.purpose);
    const name =
      input.name ?? (typeof File !== 'undefined' && input.file instanceof File ? input.file.name : 'file');
    form.append('file', input.file, name);
    const token = tokenOf ? await tokenOf() : undefined;

    if (typeof XMLHttpRequest === 'undefined') {
      const res = await fetch(url, {
        method: 'POST',
        body: form,
        ...(token && { headers: { authorization: `Bearer ${token}` } }),
        ...(options.credentials && { credentials: options.credentials }),
        ...(input.signal && { signal: input.signal }),
      }).catch(() => {
        throw input.signal?.aborted ? new UploadAbortedError() : interrupted();
      });
      const answer = settle(res.status, await res.text());
      input.onProgress?.(1);
      return answer;
    }

    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.withCredentials = options.credentials === 'include';
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) input.onProgress?.(Math.min(1, e.loaded / e.total));
      };
      xhr.onload = () => {
        try {
          const answer = settle(xhr.status, xhr.responseText);
          input.onProgress?.(1);
          resolve(answer);
        } catch (error) {
          reject(error as Error);
        }
      };
      xhr.onerror = () => reject(interrupted());
      xhr.onabort = () => reject(new UploadAbortedError());
      input.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  };
}
