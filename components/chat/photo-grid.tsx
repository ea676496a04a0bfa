'use client';
/* eslint-disable @next/next/no-img-element -- members-only media, object URLs and data URLs: Next's image optimizer can fetch none of them */

import { useMemo, useState } from 'react';
import { thumbHashToDataURL } from 'thumbhash';
import type { AttachmentDto } from '@/lib/chat/dto';
import { base64Bytes, photoBox } from '@/lib/client/media';
import { localPreviewOf } from '@/lib/client/uploads';
import { useViewer } from './photo-viewer';

/** Width of a message's photos, in CSS pixels. */
export const PHOTOS_WIDTH = 280;

/** Columns for a message's photos: two for two or four, else three. */
export function columnsFor(count: number): number {
  return count === 1 ? 1 : count === 2 || count === 4 ? 2 : 3;
}

function placeholderOf(thumbhash: string | undefined): string | null {
  const bytes = thumbhash ? base64Bytes(thumbhash) : null;
  if (!bytes) return null;
  try {
    return thumbHashToDataURL(bytes);
  } catch {
    return null;
  }
}

type TileState = 'placeholder' | 'loaded' | 'error';

function PhotoTile(props: { photo: AttachmentDto; label: string; onOpen(el: HTMLElement): void }) {
  const { photo } = props;
  const local = localPreviewOf(photo.id);
  const [state, setState] = useState<TileState>(local ? 'loaded' : 'placeholder');
  const placeholder = useMemo(() => placeholderOf(photo.thumbhash), [photo.thumbhash]);
  return (
    <button
      type="button"
      aria-label={`Open ${props.label.toLowerCase()}`}
      data-photo-state={state}
      onClick={(e) => props.onOpen(e.currentTarget)}
      className="relative block h-full w-full overflow-hidden rounded-lg bg-slate-300 dark:bg-slate-700"
    >
      {placeholder && state !== 'loaded' && (
        <img src={placeholder} alt="" aria-hidden className="absolute inset-0 h-full w-full object-cover" />
      )}
      {state === 'error' ? (
        <span className="absolute inset-0 flex items-center justify-center bg-black/30 p-1 text-xs text-white">
          Photo unavailable
        </span>
      ) : (
        <img
          src={local ?? photo.thumbnailUrl ?? photo.url}
          alt=""
          decoding="async"
          ref={(img) => {
            // Already in the cache: it may have finished before React listened.
            if (img?.complete && img.naturalWidth > 0 && state === 'placeholder') setState('loaded');
          }}
          onLoad={() => setState('loaded')}
          onError={() => setState('error')}
          className={`absolute inset-0 h-full w-full object-cover transition-opacity duration-200 ${state === 'loaded' ? 'opacity-100' : 'opacity-0'}`}
        />
      )}
    </button>
  );
}

/**
 * A message's photos: one keeps its shape, several make a grid of squares.
 * Each shows its ThumbHash (a blurred sketch a few dozen bytes long, sent
 * with the message) in the photo's own shape until the thumbnail arrives,
 * so nothing in the thread moves when it does. The sender's own photos show
 * from the bytes already in this tab.
 */
export function PhotoGrid(props: {
  messageId: string;
  photos: AttachmentDto[];
  from: string;
  caption: string;
}) {
  const open = useViewer((s) => s.open);
  const { photos } = props;
  const count = photos.length;
  const cols = columnsFor(count);
  const single = count === 1 ? photoBox(photos[0]?.width, photos[0]?.height, PHOTOS_WIDTH) : null;
  return (
    <ul
      aria-label={count > 1 ? `${count} photos` : 'Photo'}
      className="mb-1 grid max-w-full gap-0.5"
      style={{
        width: single ? single.width : PHOTOS_WIDTH,
        gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
      }}
    >
      {photos.map((photo, index) => (
        <li
          key={photo.id}
          className={single ? '' : 'aspect-square'}
          style={single ? { aspectRatio: `${single.width} / ${single.height}` } : undefined}
        >
          <PhotoTile
            photo={photo}
            label={count > 1 ? `Photo ${index + 1} of ${count}` : 'Photo'}
            onOpen={(opener) =>
              open({
                messageId: props.messageId,
                photos,
                index,
                from: props.from,
                caption: props.caption,
                opener,
              })
            }
          />
        </li>
      ))}
    </ul>
  );
}
