'use client';
/* eslint-disable @next/next/no-img-element -- members-only media, object URLs and data URLs: Next's image optimizer can fetch none of them */

import { useState } from 'react';
import { formatBytes, fileTypeLabel } from '@/lib/client/media';
import { removeUpload, retryUpload, useUploads } from '@/lib/client/uploads';
import { UploadProgress } from './message-media';

const EMPTY: string[] = [];

function TrayItem({ id, onRemoved }: { id: string; onRemoved(): void }) {
  const item = useUploads((s) => s.items[id]);
  const [broken, setBroken] = useState(false);
  if (!item) return null;
  const percent = Math.round(item.progress * 100);
  return (
    <li
      data-upload-status={item.status}
      className="flex w-56 shrink-0 items-start gap-2 rounded-lg border border-slate-300 bg-white p-1.5 text-xs dark:border-slate-600 dark:bg-slate-800"
    >
      {item.previewUrl && !broken ? (
        <img
          src={item.previewUrl}
          alt=""
          onError={() => setBroken(true)}
          className="h-12 w-12 shrink-0 rounded object-cover"
        />
      ) : (
        <span
          aria-hidden
          className="flex h-12 w-12 shrink-0 items-center justify-center rounded bg-slate-600 text-[10px] font-bold text-white"
        >
          {item.kind === 'image' ? 'PHOTO' : fileTypeLabel(item.name, item.mime).slice(0, 4)}
        </span>
      )}
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" title={item.name}>
          {item.name}
        </span>
        <span className="block text-slate-600 dark:text-slate-400">
          {formatBytes(item.size)}
          {item.status === 'uploading' && ` · ${percent}%`}
          {item.status === 'done' && ' · Ready'}
        </span>
        {item.status === 'uploading' && (
          <UploadProgress item={item} track="bg-slate-200 dark:bg-slate-700" fill="bg-blue-700" />
        )}
        {item.upload?.locationRemoved && (
          <span className="block text-green-800 dark:text-green-400">Location removed from this photo</span>
        )}
        {item.status === 'failed' && (
          <>
            <span role="alert" className="block text-red-700 dark:text-red-400">
              {item.error}
            </span>
            <button
              type="button"
              onClick={() => retryUpload(id)}
              aria-label={`Retry ${item.name}`}
              className="font-semibold underline"
            >
              Retry
            </button>
          </>
        )}
      </span>
      <button
        type="button"
        onClick={() => {
          removeUpload(id);
          onRemoved();
        }}
        aria-label={`Remove ${item.name}`}
        title={item.status === 'uploading' ? 'Cancel the upload' : 'Remove'}
        className="rounded-full px-1.5 text-base leading-none text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

/**
 * What is attached and not sent yet, above the message box: a preview of
 * each photo (from the local bytes), each upload's progress, Retry when one
 * failed and × to cancel or remove it. The message box's text is the caption.
 */
export function AttachmentTray(props: { chatId: string; onRemoved(): void }) {
  const ids = useUploads((s) => s.trays[props.chatId] ?? EMPTY);
  if (ids.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="mb-2 flex gap-2 overflow-x-auto pb-1">
      {ids.map((id) => (
        <TrayItem key={id} id={id} onRemoved={props.onRemoved} />
      ))}
    </ul>
  );
}
