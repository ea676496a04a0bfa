// Uploads from the browser: XMLHttpRequest, because fetch cannot report how
// much of a request body has been sent.
import type { AttachmentDto } from '../chat/dto';
import type { ErrorBody } from '../errors';
import { API_BASE, ApiError } from './api';

/** What POST /api/v1/uploads answers: the attachment, and whether a GPS position was taken out. */
export type UploadAnswer = AttachmentDto & { locationRemoved: boolean };

export interface UploadRequest {
  file: Blob;
  /** The name the server stores; a File's own name when not given. */
  name?: string;
  /** The chat it is for; none for a profile photo. */
  chatId?: string;
  /** `voice`: decode as audio and store a version every browser plays. */
  kind?: 'voice';
  /** `avatar`: a profile photo, or (with chatId) a group's photo. */
  purpose?: 'avatar';
  /** 0–1 of the bytes sent. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/** An upload that was cancelled: not an error to show. */
export const ABORTED = 'ABORTED';

/** What to say when the server's answer carries no message of its own. */
function fallbackMessage(status: number): string {
  if (status === 413) return 'This file is too large to send.';
  if (status === 415) return 'This type of file cannot be sent.';
  if (status === 429) return 'You are sending a lot right now. Wait a moment, then try again.';
  if (status === 401) return 'You were signed out. Sign in again to send files.';
  if (status >= 500) return 'The server could not take this file. Try again.';
  return 'This file could not be uploaded.';
}

function parseError(xhr: XMLHttpRequest): ApiError {
  let body: { error?: ErrorBody } | null = null;
  try {
    body = JSON.parse(xhr.responseText) as { error?: ErrorBody };
  } catch {
    // A proxy's HTML page, or nothing: the status says enough.
  }
  return new ApiError(
    xhr.status,
    body?.error?.code ?? (xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL'),
    body?.error?.message ?? fallbackMessage(xhr.status),
  );
}

/**
 * Sends one file to POST /api/v1/uploads as multipart/form-data. The fields
 * go before the file, so the server can refuse a stranger's chat or an
 * oversized body before reading the bytes.
 */
export function uploadFile(request: UploadRequest): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) return reject(new ApiError(0, ABORTED, 'Upload cancelled.'));
    const form = new FormData();
    if (request.chatId) form.append('chatId', request.chatId);
    if (request.kind) form.append('kind', request.kind);
    if (request.purpose) form.append('purpose', request.purpose);
    const name = request.name ?? (request.file instanceof File ? request.file.name : 'file');
    form.append('file', request.file, name);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/uploads`);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) request.onProgress?.(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      if (xhr.status !== 201 && xhr.status !== 200) return reject(parseError(xhr));
      try {
        const { upload } = JSON.parse(xhr.responseText) as { upload: UploadAnswer };
        request.onProgress?.(1);
        resolve(upload);
      } catch {
        reject(new ApiError(xhr.status, 'INTERNAL', fallbackMessage(500)));
      }
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'NETWORK', 'The upload was interrupted. Check your connection, then try again.'),
      );
    xhr.onabort = () => reject(new ApiError(0, ABORTED, 'Upload cancelled.'));
    request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
