// Files on their way to the server. An upload starts the moment a file is
// picked, dropped or pasted, so by the time the person has written a
// caption it is often done. Items sit in their chat's tray until sent, then
// belong to the pending message that shows them, until its ack.
import { create } from 'zustand';
import { ChatApiError, UploadAbortedError, type UploadAnswer } from '@chat/sdk';
import { chatClient } from './chat-client';
import { formatBytes, guessKind } from './media';

export type UploadStatus = 'uploading' | 'done' | 'failed';

export interface UploadItem {
  /** Local id, never sent. */
  id: string;
  chatId: string;
  name: string;
  size: number;
  mime: string;
  /** Guessed from the declared type, then what the server made of the bytes. */
  kind: 'image' | 'file' | 'voice';
  /** An object URL of the local bytes: photos and recordings show at once from it. */
  previewUrl: string | null;
  /** A recording's length, measured while recording. */
  durationMs?: number;
  progress: number;
  status: UploadStatus;
  error: string | null;
  upload: UploadAnswer | null;
}

interface UploadsState {
  items: Record<string, UploadItem>;
  /** chatId → ids of items attached in its composer, not sent yet. */
  trays: Record<string, string[]>;
}

/** Items one tray holds: more at once is a mistake more often than a need. */
export const TRAY_MAX = 20;

export const useUploads = create<UploadsState>(() => ({ items: {}, trays: {} }));

const blobs = new Map<string, Blob>();
const tasks = new Map<string, { promise: Promise<UploadAnswer>; controller: AbortController }>();
/** Upload id → the sender's own object URL: their sent photos keep showing the local bytes. */
const localPreviews = new Map<string, string>();

function patch(id: string, change: Partial<UploadItem>) {
  useUploads.setState((s) => {
    const item = s.items[id];
    return item ? { items: { ...s.items, [id]: { ...item, ...change } } } : s;
  });
}

function start(id: string, options: { kind?: 'voice' } = {}) {
  const item = useUploads.getState().items[id];
  const blob = blobs.get(id);
  if (!item || !blob) return;
  const controller = new AbortController();
  patch(id, { status: 'uploading', progress: 0, error: null });
  let shown = 0;
  const promise = chatClient().upload({
    file: blob,
    name: item.name,
    chatId: item.chatId,
    kind: options.kind,
    signal: controller.signal,
    onProgress: (fraction) => {
      // One re-render per percent is plenty for a progress bar.
      if (fraction - shown < 0.01 && fraction < 1) return;
      shown = fraction;
      patch(id, { progress: fraction });
    },
  });
  tasks.set(id, { promise, controller });
  promise.then(
    (upload) => {
      if (item.previewUrl && upload.kind === 'image') localPreviews.set(upload.id, item.previewUrl);
      patch(id, { status: 'done', progress: 1, upload, kind: upload.kind });
    },
    (error: unknown) => {
      if (error instanceof UploadAbortedError) return;
      patch(id, {
        status: 'failed',
        error: error instanceof ChatApiError ? error.message : 'This file could not be uploaded.',
      });
    },
  );
  // Whoever waits on it handles the failure; the tray shows it.
  promise.catch(() => {});
}

function newItem(chatId: string, blob: Blob, fields: Partial<UploadItem> & { name: string }): string {
  const id = crypto.randomUUID();
  blobs.set(id, blob);
  const item: UploadItem = {
    id,
    chatId,
    size: blob.size,
    mime: blob.type,
    kind: 'file',
    previewUrl: null,
    progress: 0,
    status: 'uploading',
    error: null,
    upload: null,
    ...fields,
  };
  useUploads.setState((s) => ({ items: { ...s.items, [id]: item } }));
  return id;
}

/**
 * Puts files in a chat's tray and starts uploading them. Files the server
 * would refuse for their size or emptiness are not sent at all; the
 * returned sentences say why, one per file.
 */
export function attachFiles(chatId: string, files: File[], limits: { maxBytes: number }): string[] {
  const refused: string[] = [];
  const room = TRAY_MAX - (useUploads.getState().trays[chatId]?.length ?? 0);
  if (files.length > room) {
    refused.push(`You can attach up to ${TRAY_MAX} files at once.`);
    files = files.slice(0, Math.max(0, room));
  }
  const ids: string[] = [];
  for (const file of files) {
    if (file.size === 0) {
      refused.push(`“${file.name}” is empty.`);
      continue;
    }
    if (file.size > limits.maxBytes) {
      refused.push(
        `“${file.name}” is ${formatBytes(file.size)}; files can be up to ${formatBytes(limits.maxBytes)}.`,
      );
      continue;
    }
    const kind = guessKind(file);
    ids.push(
      newItem(chatId, file, {
        name: file.name || (kind === 'image' ? 'photo' : 'file'),
        kind,
        previewUrl: kind === 'image' ? URL.createObjectURL(file) : null,
      }),
    );
  }
  useUploads.setState((s) => ({ trays: { ...s.trays, [chatId]: [...(s.trays[chatId] ?? []), ...ids] } }));
  for (const id of ids) start(id);
  return refused;
}

/** A finished recording: uploaded for voice processing straight away, never in the tray. */
export function attachRecording(chatId: string, blob: Blob, name: string, durationMs: number): string {
  const id = newItem(chatId, blob, {
    name,
    kind: 'voice',
    durationMs,
    previewUrl: URL.createObjectURL(blob),
  });
  start(id, { kind: 'voice' });
  return id;
}

export function retryUpload(id: string) {
  const item = useUploads.getState().items[id];
  if (item?.status === 'failed') start(id, item.kind === 'voice' ? { kind: 'voice' } : {});
}

/** Stops an item's upload and forgets it, wherever it was. */
export function removeUpload(id: string) {
  tasks.get(id)?.controller.abort();
  tasks.delete(id);
  blobs.delete(id);
  const item = useUploads.getState().items[id];
  // Never sent: nothing will show these bytes again.
  if (item?.upload) localPreviews.delete(item.upload.id);
  if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
  useUploads.setState((s) => {
    const items = { ...s.items };
    delete items[id];
    const trays = item
      ? { ...s.trays, [item.chatId]: (s.trays[item.chatId] ?? []).filter((x) => x !== id) }
      : s.trays;
    return { items, trays };
  });
}

/** Empties a chat's tray for sending; the items stay until the message that shows them is acked. */
export function takeTray(chatId: string): UploadItem[] {
  const { items, trays } = useUploads.getState();
  const taken = (trays[chatId] ?? []).map((id) => items[id]).filter((i): i is UploadItem => Boolean(i));
  useUploads.setState((s) => ({ trays: { ...s.trays, [chatId]: [] } }));
  return taken;
}

/** The server's answer for an item, once it has one; rejects with the reason it failed. */
export function whenUploaded(id: string): Promise<UploadAnswer> {
  const item = useUploads.getState().items[id];
  if (item?.upload) return Promise.resolve(item.upload);
  const task = tasks.get(id);
  if (!item || !task) return Promise.reject(new UploadAbortedError());
  return task.promise;
}

/** The message carrying these items was stored: they are the server's now. */
export function releaseUploads(ids: string[]) {
  const { items } = useUploads.getState();
  for (const id of ids) {
    tasks.delete(id);
    blobs.delete(id);
    // Photos keep their local copy for the thread; a recording is played from the server from now on.
    const item = items[id];
    if (item?.previewUrl && item.upload?.kind !== 'image') URL.revokeObjectURL(item.previewUrl);
  }
  useUploads.setState((s) => {
    const items = { ...s.items };
    for (const id of ids) delete items[id];
    return { items };
  });
}

/** The sender's local copy of a photo they uploaded in this tab, if any. */
export function localPreviewOf(uploadId: string): string | undefined {
  return localPreviews.get(uploadId);
}

/** Items of a message that was not sent after all (its caption needs rewording) go back to the tray. */
export function restoreTray(chatId: string, ids: string[]) {
  useUploads.setState((s) => {
    const kept = ids.filter((id) => s.items[id]);
    return {
      trays: { ...s.trays, [chatId]: [...kept, ...(s.trays[chatId] ?? []).filter((x) => !kept.includes(x))] },
    };
  });
}
