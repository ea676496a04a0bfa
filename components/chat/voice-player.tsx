'use client';

import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDuration } from '@/lib/client/media';
import { chatClient } from '@/lib/client/chat-client';
import { PauseIcon, PlayIcon } from './icons';

const SPEEDS = [1, 1.5, 2] as const;
const BARS = 48;
/** Messages this tab has told the server it played: once is enough. */
const reported = new Set<string>();

/** `count` bars of 0–1 from the server's 0–255 loudness values (flat when there are none). */
export function barsOf(waveform: number[] | undefined, count = BARS): number[] {
  if (!waveform || waveform.length === 0) return Array.from({ length: count }, () => 0.25);
  return Array.from({ length: count }, (_, i) => {
    const from = Math.floor((i * waveform.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * waveform.length) / count));
    const slice = waveform.slice(from, to);
    const peak = Math.max(...slice.map((v) => (Number.isFinite(v) ? v : 0)));
    return Math.min(1, Math.max(0.08, peak / 255));
  });
}

/**
 * A voice message: play and pause, the waveform as a slider (click or
 * arrow keys to seek), 1×, 1.5× or 2×. The length comes from the server's
 * decode, never from the audio element, which reads some recordings as
 * Infinity. The first play by someone other than the sender is reported,
 * and in a direct chat the sender sees "Played".
 */
export function VoicePlayer(props: {
  messageId: string | null;
  url: string;
  durationMs: number | undefined;
  waveform: number[] | undefined;
  mine: boolean;
  /** The sender's view in a direct chat: the other person has played it. */
  played?: boolean;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [error, setError] = useState(false);
  const duration = Math.max(0, (props.durationMs ?? 0) / 1000);
  const bars = barsOf(props.waveform);
  const progress = duration > 0 ? Math.min(1, position / duration) : 0;

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (!el.paused) return el.pause();
    el.playbackRate = speed;
    el.play().catch(() => setError(true));
  };
  const seek = (seconds: number) => {
    const el = audio.current;
    const to = Math.min(duration, Math.max(0, seconds));
    setPosition(to);
    if (el) el.currentTime = to;
  };
  const onPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width > 0) seek(((e.clientX - box.left) / box.width) * duration);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = Math.max(1, duration / 20);
    const to: Record<string, number> = {
      ArrowRight: position + step,
      ArrowUp: position + step,
      ArrowLeft: position - step,
      ArrowDown: position - step,
      PageUp: position + step * 4,
      PageDown: position - step * 4,
      Home: 0,
      End: duration,
    };
    const target = to[e.key];
    if (target === undefined) return;
    e.preventDefault();
    // The message list moves between messages on the arrows; here they seek.
    e.stopPropagation();
    seek(target);
  };
  const nextSpeed = () => {
    const next = SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length] ?? 1;
    setSpeed(next);
    if (audio.current) audio.current.playbackRate = next;
  };
  const onPlay = () => {
    setPlaying(true);
    const id = props.messageId;
    if (props.mine || !id || reported.has(id)) return;
    reported.add(id);
    chatClient().socket.emit('voice_played', { messageId: id }, (res) => {
      if (!res.ok) reported.delete(id);
    });
  };

  const tone = props.mine ? 'bg-white' : 'bg-blue-700 dark:bg-sky-400';
  return (
    <div
      role="group"
      aria-label={`Voice message, ${formatDuration(props.durationMs)}`}
      className="mb-1 w-64 max-w-full"
    >
      <div className="flex items-center gap-2">
        <button
          type="button"
          onClick={toggle}
          aria-label={playing ? 'Pause voice message' : 'Play voice message'}
          className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm ${props.mine ? 'bg-white text-blue-800 focus-visible:outline-white!' : 'bg-blue-700 text-white dark:bg-sky-500 dark:text-slate-900'}`}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <div
          role="slider"
          tabIndex={0}
          aria-label="Position in the voice message"
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={Math.round(position)}
          aria-valuetext={`${formatDuration(position * 1000)} of ${formatDuration(props.durationMs)}`}
          onPointerDown={onPointer}
          onKeyDown={onKey}
          className={`flex h-8 min-w-0 flex-1 cursor-pointer items-center gap-px ${props.mine ? 'focus-visible:outline-white!' : ''}`}
        >
          {bars.map((height, i) => (
            <span
              key={i}
              aria-hidden
              className={`flex-1 rounded-full ${tone} ${(i + 0.5) / bars.length <= progress ? 'opacity-100' : 'opacity-40'}`}
              style={{ height: `${Math.round(height * 100)}%` }}
            />
          ))}
        </div>
        <button
          type="button"
          onClick={nextSpeed}
          aria-label={`Playback speed ${speed}×`}
          className={`shrink-0 rounded-full px-1.5 text-xs font-semibold ${props.mine ? 'bg-white/20 focus-visible:outline-white!' : 'bg-slate-200 dark:bg-slate-600'}`}
        >
          {speed}×
        </button>
      </div>
      <p className="mt-0.5 flex gap-2 pl-11 text-[11px] opacity-80">
        <span>
          {playing || position > 0 ? formatDuration(position * 1000) : formatDuration(props.durationMs)}
        </span>
        {props.played && <span data-played>Played</span>}
        {error && <span role="alert">This voice message could not be played.</span>}
      </p>
      <audio
        ref={audio}
        src={props.url}
        preload="none"
        onPlay={onPlay}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(e) => setPosition(Math.min(duration || Infinity, e.currentTarget.currentTime))}
        onError={() => setError(true)}
      />
    </div>
  );
}
