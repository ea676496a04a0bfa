'use client';

import type { ReactNode } from 'react';
import { fileTypeLabel, formatBytes } from '@/lib/client/media';
import { DownloadIcon } from './icons';

const CARD = 'mb-1 flex w-64 max-w-full items-center gap-3 rounded-xl px-3 py-2';
const TONE = {
  mine: 'bg-blue-900/60 text-white',
  theirs: 'bg-white text-slate-900 dark:bg-slate-700 dark:text-slate-100',
};

function FileIcon({ label }: { label: string }) {
  return (
    <span
      aria-hidden
      className="flex h-10 w-9 shrink-0 items-center justify-center rounded-md bg-slate-600 text-[10px] font-bold text-white"
    >
      {label.slice(0, 4)}
    </span>
  );
}

/** A file in a message: its name, size and type; the card is the download link. */
export function FileCard(props: { name: string; size: number; mime: string; url: string; mine: boolean }) {
  const type = fileTypeLabel(props.name, props.mime);
  const size = formatBytes(props.size);
  return (
    <a
      href={props.url}
      download={props.name}
      className={`${CARD} ${props.mine ? TONE.mine : TONE.theirs} hover:underline ${props.mine ? 'focus-visible:outline-white!' : ''}`}
    >
      <FileIcon label={type} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" title={props.name}>
          <span className="sr-only">Download </span>
          {props.name}
        </span>
        <span className="block text-xs opacity-80">
          {size} · {type}
        </span>
      </span>
      <DownloadIcon />
    </a>
  );
}

/** A file on its way: the same card, with what is happening to it instead of the link. */
export function PendingFileCard(props: { name: string; size: number; mime: string; children: ReactNode }) {
  const type = fileTypeLabel(props.name, props.mime);
  return (
    <div className={`${CARD} ${TONE.mine}`}>
      <FileIcon label={type} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium" title={props.name}>
          {props.name}
        </span>
        <span className="block text-xs opacity-80">
          {formatBytes(props.size)} · {type}
        </span>
        {props.children}
      </span>
    </div>
  );
}
