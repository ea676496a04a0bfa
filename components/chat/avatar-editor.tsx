'use client';

import { useEffect, useId, useRef, useState, type PointerEvent } from 'react';
import { errorMessage } from '@/lib/client/rest';
import { Avatar } from './avatar';

/** Side of the square sent to the server, in pixels: sharp enough for any place an avatar shows. */
const OUTPUT = 512;
const PREVIEW = 192;

interface Crop {
  zoom: number;
  /** -1 (left or top edge) … 1 (right or bottom edge) of the room the zoom leaves. */
  x: number;
  y: number;
}

/** The square of the image a crop takes, in the image's pixels. */
function cropRect(image: { width: number; height: number }, crop: Crop) {
  const side = Math.min(image.width, image.height) / crop.zoom;
  const sx = ((image.width - side) / 2) * (1 + crop.x);
  const sy = ((image.height - side) / 2) * (1 + crop.y);
  return { sx, sy, side };
}

function draw(canvas: HTMLCanvasElement, image: ImageBitmap, crop: Crop, size: number) {
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { sx, sy, side } = cropRect(image, crop);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, sx, sy, side, side, 0, 0, size, size);
}

const clamp = (v: number) => Math.min(1, Math.max(-1, v));

/**
 * Choose a photo, frame a square of it (zoom, then drag or use the sliders),
 * save. The square is cut here with a canvas, which also drops everything
 * the file carried besides its pixels; the server checks it like any photo.
 */
export function AvatarEditor(props: {
  id: string;
  name: string;
  current: string | null;
  /** What the photo is of, for the labels: "your profile photo", "the group’s photo". */
  subject: string;
  onSave(photo: Blob): Promise<void>;
  onRemove?(): Promise<void>;
}) {
  const inputId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<ImageBitmap | null>(null);
  const [crop, setCrop] = useState<Crop>({ zoom: 1, x: 0, y: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);

  useEffect(() => {
    if (image && canvas.current) draw(canvas.current, image, crop, PREVIEW * 2);
  }, [image, crop]);
  useEffect(() => () => image?.close(), [image]);

  const pick = async (file: File | undefined) => {
    setError('');
    setStatus('');
    if (!file) return;
    try {
      setImage(await createImageBitmap(file));
      setCrop({ zoom: 1, x: 0, y: 0 });
    } catch {
      setError('This photo cannot be opened here. Choose a JPEG, PNG or WebP photo.');
    }
  };
  const run = async (action: () => Promise<void>, done: string) => {
    setBusy(true);
    setError('');
    try {
      await action();
      setStatus(done);
      setImage(null);
    } catch (e) {
      setError(errorMessage(e, 'That did not work. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!image) return;
    const out = document.createElement('canvas');
    draw(out, image, crop, OUTPUT);
    void run(async () => {
      const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/jpeg', 0.9));
      if (!blob) throw new Error('canvas');
      await props.onSave(blob);
    }, 'Photo saved.');
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, crop };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const start = drag.current;
    if (!start || !image) return;
    // Dragging the picture right shows more of its left side.
    const room = (Math.min(image.width, image.height) * (1 - 1 / start.crop.zoom)) / 2 || 1;
    const perPixel = Math.min(image.width, image.height) / start.crop.zoom / PREVIEW;
    setCrop({
      ...start.crop,
      x: clamp(start.crop.x - ((e.clientX - start.x) * perPixel) / room),
      y: clamp(start.crop.y - ((e.clientY - start.y) * perPixel) / room),
    });
  };

  const slider = (label: string, key: keyof Crop, min: number, max: number, step: number) => (
    <label className="flex items-center gap-2 text-sm">
      <span className="w-36 shrink-0">{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={crop[key]}
        onChange={(e) => setCrop((c) => ({ ...c, [key]: Number(e.target.value) }))}
        className="min-w-0 flex-1"
      />
    </label>
  );

  return (
    <div className="space-y-3">
      {image ? (
        <>
          <canvas
            ref={canvas}
            role="img"
            aria-label={`Preview of ${props.subject}`}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={() => (drag.current = null)}
            className="mx-auto block cursor-move touch-none rounded-full bg-slate-200 dark:bg-slate-700"
            style={{ width: PREVIEW, height: PREVIEW }}
          />
          {slider('Zoom', 'zoom', 1, 4, 0.05)}
          {slider('Left or right', 'x', -1, 1, 0.02)}
          {slider('Up or down', 'y', -1, 1, 0.02)}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => setImage(null)}
              className="rounded-lg px-3 py-1.5 text-sm underline"
            >
              Choose another
            </button>
            <button
              type="button"
              onClick={save}
              disabled={busy}
              className="rounded-lg bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-60"
            >
              {busy ? 'Saving…' : 'Save photo'}
            </button>
          </div>
        </>
      ) : (
        <div className="flex items-center gap-4">
          <Avatar id={props.id} name={props.name} src={props.current} size="lg" />
          <div className="flex flex-col items-start gap-2">
            <label
              htmlFor={inputId}
              className="cursor-pointer rounded-lg border border-slate-400 px-3 py-1.5 text-sm font-medium focus-within:outline-2 focus-within:outline-blue-700 dark:border-slate-500"
            >
              {props.current ? 'Choose a new photo' : 'Choose a photo'}
              <input
                id={inputId}
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
                onChange={(e) => {
                  void pick(e.target.files?.[0]);
                  e.target.value = '';
                }}
                className="sr-only"
              />
            </label>
            {props.current && props.onRemove && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void run(props.onRemove!, 'Photo removed.')}
                className="text-sm text-red-700 underline dark:text-red-400"
              >
                Remove photo
              </button>
            )}
          </div>
        </div>
      )}
      <p role="status" className="min-h-5 text-sm text-slate-600 dark:text-slate-400">
        {status}
      </p>
      <p role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
