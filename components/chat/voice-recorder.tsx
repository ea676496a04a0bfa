'use client';

import { useEffect, useRef } from 'react';
import { formatDuration } from '@/lib/client/media';
import { useNotice } from '@/lib/client/store';
import { useVoiceRecorder } from './use-voice-recorder';
import { VoicePlayer } from './voice-player';

const BUTTON =
  'shrink-0 rounded-lg border border-slate-400 px-3 py-2 text-sm font-medium dark:border-slate-500';
const PRIMARY = 'shrink-0 rounded-lg bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800';

/**
 * In place of the message box while recording: a timer and a level meter,
 * Cancel and Stop; then the recording to listen to before sending, with
 * Delete and Send. Recording starts as soon as this opens.
 */
export function VoiceRecorder(props: {
  maxMs: number;
  onSend(recording: { blob: Blob; mime: string; durationMs: number }): void;
  onClose(): void;
}) {
  const { state, elapsedMs, level, start, stop, cancel, discard } = useVoiceRecorder(props.maxMs);
  const stopButton = useRef<HTMLButtonElement>(null);
  const sendButton = useRef<HTMLButtonElement>(null);
  const { onClose } = props;
  const announce = useNotice((s) => s.announce);

  useEffect(() => {
    void start();
  }, [start]);
  useEffect(() => {
    if (state.phase === 'recording') {
      stopButton.current?.focus();
      announce('Recording');
    }
    if (state.phase === 'review') {
      sendButton.current?.focus();
      announce(`Recorded ${formatDuration(state.durationMs)}. Listen to it, or send it.`);
    }
  }, [state, announce]);

  const close = () => {
    cancel();
    discard();
    onClose();
  };

  return (
    <div
      role="group"
      aria-label="Voice recorder"
      className="flex min-h-11 flex-1 flex-wrap items-center gap-2"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        close();
      }}
    >
      {state.phase === 'error' ? (
        <>
          <p role="alert" className="min-w-0 flex-1 text-sm text-red-700 dark:text-red-400">
            {state.message}
          </p>
          <button type="button" onClick={close} className={BUTTON}>
            Close
          </button>
        </>
      ) : state.phase === 'review' ? (
        <>
          <div className="min-w-0 flex-1">
            <VoicePlayer
              messageId={null}
              url={state.url}
              durationMs={state.durationMs}
              waveform={state.waveform}
              mine={false}
            />
          </div>
          <button type="button" onClick={close} className={BUTTON}>
            Delete recording
          </button>
          <button
            ref={sendButton}
            type="button"
            onClick={() => {
              props.onSend({ blob: state.blob, mime: state.mime, durationMs: state.durationMs });
              discard();
              onClose();
            }}
            className={PRIMARY}
          >
            Send voice message
          </button>
        </>
      ) : (
        <>
          <span aria-hidden className="h-3 w-3 shrink-0 animate-pulse rounded-full bg-red-600" />
          <p className="text-sm">
            {state.phase === 'starting' ? 'Asking for the microphone…' : 'Recording'}{' '}
            <span className="font-mono tabular-nums" data-recording-time>
              {formatDuration(elapsedMs)}
            </span>
            <span className="sr-only"> of at most {formatDuration(props.maxMs)}</span>
          </p>
          <span
            aria-hidden
            data-level-meter
            className="h-2 min-w-12 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <span
              className="block h-full bg-green-600 transition-[width] duration-75"
              style={{ width: `${Math.round(level * 100)}%` }}
            />
          </span>
          <button type="button" onClick={close} className={BUTTON}>
            Cancel recording
          </button>
          <button
            ref={stopButton}
            type="button"
            onClick={stop}
            disabled={state.phase !== 'recording'}
            className={PRIMARY}
          >
            Stop recording
          </button>
        </>
      )}
    </div>
  );
}
