'use client';
/* eslint-disable @next/next/no-img-element -- members-only media, object URLs and data URLs: Next's image optimizer can fetch none of them */

import type { MessageDto } from '@/lib/chat/dto';
import { attachmentsOf } from '@/lib/client/media';
import type { PendingMessage } from '@/lib/client/store';
import { useUploads, type UploadItem } from '@/lib/client/uploads';
import { FileCard, PendingFileCard } from './file-card';
import { PhotoGrid, PHOTOS_WIDTH, columnsFor } from './photo-grid';
import { VoicePlayer } from './voice-player';

/** What a stored message carries: photos, a file or a voice message. */
export function MessageMedia(props: {
  message: MessageDto;
  mine: boolean;
  /** A direct chat: the sender is shown when the other person played a voice message. */
  direct: boolean;
  from: string;
}) {
  const { message: m, mine } = props;
  const attachments = attachmentsOf(m);
  if (m.deletedAt || attachments.length === 0) return null;
  if (m.type === 'IMAGE') {
    const photos = attachments.filter((a) => a.kind === 'image');
    return <PhotoGrid messageId={m.id} photos={photos} from={props.from} caption={m.content} />;
  }
  if (m.type === 'VOICE') {
    const voice = attachments[0];
    if (!voice) return null;
    return (
      <VoicePlayer
        messageId={m.id}
        url={voice.url}
        durationMs={voice.durationMs}
        waveform={voice.waveform}
        mine={mine}
        played={mine && props.direct && Boolean(voice.playedAt)}
      />
    );
  }
  return (
    <>
      {attachments.map((file) => (
        <FileCard
          key={file.id}
          name={file.name}
          size={file.size}
          mime={file.mime}
          url={file.url}
          mine={mine}
        />
      ))}
    </>
  );
}

function Progress({ item }: { item: UploadItem }) {
  if (item.status === 'failed') return null;
  return <UploadProgress item={item} track="w-full bg-white/30" fill="bg-white" />;
}

/** An upload's progress bar, coloured by the caller (over a photo, or in the tray). */
export function UploadProgress({ item, track, fill }: { item: UploadItem; track: string; fill: string }) {
  const percent = Math.round(item.progress * 100);
  return (
    <span
      role="progressbar"
      aria-label={`Uploading ${item.name}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={`mt-1 block h-1 overflow-hidden rounded-full ${track}`}
    >
      <span className={`block h-full transition-[width] ${fill}`} style={{ width: `${percent}%` }} />
    </span>
  );
}

function PendingItem({ id, count, index }: { id: string; count: number; index: number }) {
  const item = useUploads((s) => s.items[id]);
  if (!item) return null;
  if (item.kind === 'image') {
    return (
      <li className="relative aspect-square overflow-hidden rounded-lg bg-slate-300 dark:bg-slate-700">
        {item.previewUrl && (
          <img
            src={item.previewUrl}
            alt={count > 1 ? `Photo ${index + 1} of ${count}, sending` : 'Photo, sending'}
            className="h-full w-full object-cover"
          />
        )}
        {item.status !== 'done' && (
          <span className="absolute inset-x-1 bottom-1">
            <Progress item={item} />
          </span>
        )}
        {item.upload?.locationRemoved && (
          <span className="absolute inset-x-0 top-0 bg-black/60 px-1 text-[10px] text-white">
            Location removed from this photo
          </span>
        )}
      </li>
    );
  }
  if (item.kind === 'voice') {
    return (
      <li>
        <VoicePlayer
          messageId={null}
          url={item.previewUrl ?? ''}
          durationMs={item.durationMs}
          waveform={undefined}
          mine
        />
        <Progress item={item} />
      </li>
    );
  }
  return (
    <li>
      <PendingFileCard name={item.name} size={item.size} mime={item.mime}>
        <Progress item={item} />
      </PendingFileCard>
    </li>
  );
}

/**
 * A message of mine still on its way, from the bytes in this tab: photos
 * show at once, with each upload's progress; Cancel stops it while it
 * uploads (a failed one has Discard on its bubble).
 */
export function PendingMedia(props: { pending: PendingMessage; onCancel(): void }) {
  const media = props.pending.media;
  const uploading = useUploads((s) =>
    (media?.itemIds ?? []).some((id) => s.items[id]?.status === 'uploading'),
  );
  if (!media) return null;
  const count = media.itemIds.length;
  const photos = media.type === 'IMAGE';
  return (
    <div className="mb-1">
      <ul
        aria-label={photos ? (count > 1 ? `${count} photos` : 'Photo') : undefined}
        className={photos ? 'grid max-w-full gap-0.5' : ''}
        style={
          photos
            ? { width: PHOTOS_WIDTH, gridTemplateColumns: `repeat(${columnsFor(count)}, minmax(0, 1fr))` }
            : undefined
        }
      >
        {media.itemIds.map((id, index) => (
          <PendingItem key={id} id={id} count={count} index={index} />
        ))}
      </ul>
      {props.pending.error && <p className="mt-1 text-xs font-semibold">{props.pending.error}</p>}
      {uploading && (
        <button type="button" onClick={props.onCancel} className="mt-1 text-xs font-semibold underline">
          Cancel sending
        </button>
      )}
    </div>
  );
}
