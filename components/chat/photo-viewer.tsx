'use client';
/* eslint-disable @next/next/no-img-element -- members-only media, object URLs and data URLs: Next's image optimizer can fetch none of them */

import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { AttachmentDto } from '@/lib/chat/dto';
import { localPreviewOf } from '@/lib/client/uploads';

interface Viewing {
  messageId: string;
  photos: AttachmentDto[];
  index: number;
  /** Who sent them, for the heading. */
  from: string;
  caption: string;
  /** Focus goes back here on close (or to the message, if the row left the list meanwhile). */
  opener: HTMLElement | null;
}

interface ViewerState {
  viewing: Viewing | null;
  open(v: Viewing): void;
  close(): void;
}

/** One viewer per thread, outside the virtual list: a row scrolled away does not close it. */
export const useViewer = create<ViewerState>((set) => ({
  viewing: null,
  open: (viewing) => set({ viewing }),
  close: () => set({ viewing: null }),
}));

const BUTTON =
  'rounded-full bg-white/15 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/25 disabled:opacity-40';

/**
 * A photo full screen, the original: ← and → move between the message's
 * photos, Escape closes. A modal dialog keeps focus inside it and leaves
 * the page behind inert; focus returns to the photo that opened it.
 */
export function PhotoViewer({ deletedIds }: { deletedIds: ReadonlySet<string> }) {
  const viewing = useViewer((s) => s.viewing);
  const close = useViewer((s) => s.close);
  // Deleted while open: the photos are no longer there to see.
  useEffect(() => {
    if (viewing && deletedIds.has(viewing.messageId)) close();
  }, [viewing, deletedIds, close]);
  if (!viewing) return null;
  return <ViewerDialog key={`${viewing.messageId}:${viewing.index}`} viewing={viewing} close={close} />;
}

function ViewerDialog({ viewing, close }: { viewing: Viewing; close(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [index, setIndex] = useState(viewing.index);
  const [loaded, setLoaded] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!d.open) d.showModal();
    closeButton.current?.focus();
    const { opener, messageId } = viewing;
    return () => {
      if (d.open) d.close();
      const back = opener?.isConnected
        ? opener
        : document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
      back?.focus();
    };
  }, [viewing]);

  const count = viewing.photos.length;
  const at = Math.min(index, count - 1);
  const photo = viewing.photos[at];
  if (!photo) return null;
  const label = count > 1 ? `Photo ${at + 1} of ${count}` : 'Photo';
  const go = (step: number) => setIndex((i) => Math.min(count - 1, Math.max(0, i + step)));
  const src = localPreviewOf(photo.id) ?? photo.url;

  return (
    <dialog
      ref={dialog}
      aria-label={`${label} from ${viewing.from}`}
      onClose={close}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') go(1);
        else if (e.key === 'ArrowLeft') go(-1);
        else return;
        e.preventDefault();
      }}
      className="m-0 h-dvh max-h-none w-dvw max-w-none bg-black/95 p-0 text-white backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col">
        <div className="flex items-center gap-2 p-3">
          <p className="min-w-0 flex-1 truncate text-sm">
            <span className="font-semibold">{viewing.from}</span>
            {count > 1 && <span className="ml-2 opacity-80">{`${at + 1} / ${count}`}</span>}
          </p>
          <a href={photo.url} download={photo.name} className={BUTTON}>
            Download
          </a>
          <button ref={closeButton} type="button" onClick={close} className={BUTTON}>
            Close
          </button>
        </div>
        <div className="relative flex min-h-0 flex-1 items-center justify-center px-2">
          {loaded !== photo.id && photo.thumbnailUrl && (
            // The thumbnail is usually in the cache already: something to look at while the original loads.
            <img
              src={photo.thumbnailUrl}
              alt=""
              aria-hidden
              className="absolute max-h-full max-w-full blur-sm"
            />
          )}
          <img
            key={photo.id}
            src={src}
            alt={viewing.caption ? `${label}: ${viewing.caption}` : label}
            data-original
            onLoad={() => setLoaded(photo.id)}
            className="relative max-h-full max-w-full object-contain"
          />
        </div>
        <div className="flex items-center justify-center gap-3 p-3">
          {count > 1 && (
            <button type="button" onClick={() => go(-1)} disabled={at === 0} className={BUTTON}>
              <span aria-hidden="true">← </span>Previous photo
            </button>
          )}
          {viewing.caption && (
            <p className="max-w-prose text-center text-sm break-words">{viewing.caption}</p>
          )}
          {count > 1 && (
            <button type="button" onClick={() => go(1)} disabled={at === count - 1} className={BUTTON}>
              Next photo<span aria-hidden="true"> →</span>
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}
