'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { pickRecorderType } from '@/lib/client/media';

export type RecorderState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'recording' }
  | { phase: 'review'; blob: Blob; url: string; mime: string; durationMs: number; waveform: number[] }
  | { phase: 'error'; message: string };

/** Level samples kept for the recording's own waveform, one per animation frame at most. */
const SAMPLE_EVERY_MS = 50;

function refusal(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Microphone access was refused. Allow it in your browser’s site settings to record a voice message.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found.';
  if (name === 'NotReadableError')
    return 'The microphone is in use by another app. Close it, then try again.';
  return 'Recording could not start. Try again.';
}

/** Loudness of one frame of samples (0–1): RMS of the time-domain signal, scaled so speech fills the meter. */
function levelOf(samples: Uint8Array): number {
  let sum = 0;
  for (const s of samples) sum += ((s - 128) / 128) ** 2;
  return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}

/**
 * MediaRecorder with the first type the browser supports (MP4, else Opus in
 * WebM or Ogg; the server stores every one as AAC), a live level from an
 * AnalyserNode, and the length measured here. Recording stops by itself at
 * `maxMs`. Everything the microphone holds is released on stop, cancel and
 * unmount.
 */
export function useVoiceRecorder(maxMs: number) {
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const [elapsedMs, setElapsedMs] = useState(0);
  const [level, setLevel] = useState(0);
  const session = useRef<{
    recorder: MediaRecorder;
    stream: MediaStream;
    context: AudioContext;
    frame: number;
    startedAt: number;
    discard: boolean;
    levels: number[];
  } | null>(null);
  const reviewUrl = useRef<string | null>(null);
  const alive = useRef(true);
  const starting = useRef(false);

  const release = useCallback(() => {
    const s = session.current;
    if (!s) return;
    cancelAnimationFrame(s.frame);
    for (const track of s.stream.getTracks()) track.stop();
    void s.context.close().catch(() => {});
  }, []);

  const stop = useCallback(() => {
    const s = session.current;
    if (s && s.recorder.state !== 'inactive') s.recorder.stop();
  }, []);

  const begin = useCallback(async () => {
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setState({ phase: 'error', message: 'This browser cannot record voice messages.' });
      return;
    }
    setState({ phase: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
      });
    } catch (error) {
      if (alive.current) setState({ phase: 'error', message: refusal(error) });
      return;
    }
    // Closed while the browser asked for the microphone.
    if (!alive.current) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const type = pickRecorderType((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const chunks: Blob[] = [];
    const s = {
      recorder,
      stream,
      context,
      frame: 0,
      startedAt: performance.now(),
      discard: false,
      levels: [] as number[],
    };
    session.current = s;

    let lastSample = 0;
    const tick = () => {
      const now = performance.now();
      analyser.getByteTimeDomainData(samples);
      const current = levelOf(samples);
      setLevel(current);
      setElapsedMs(now - s.startedAt);
      if (now - lastSample >= SAMPLE_EVERY_MS) {
        s.levels.push(current);
        lastSample = now;
      }
      if (now - s.startedAt >= maxMs) return stop();
      s.frame = requestAnimationFrame(tick);
    };

    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    recorder.onstop = () => {
      const durationMs = Math.min(maxMs, performance.now() - s.startedAt);
      release();
      session.current = null;
      setLevel(0);
      if (s.discard) return setState({ phase: 'idle' });
      const mime = recorder.mimeType || type || 'audio/webm';
      const blob = new Blob(chunks, { type: mime });
      if (blob.size === 0) return setState({ phase: 'error', message: 'Nothing was recorded. Try again.' });
      const url = URL.createObjectURL(blob);
      reviewUrl.current = url;
      const waveform = s.levels.map((l) => Math.round(l * 255));
      setState({ phase: 'review', blob, url, mime, durationMs, waveform });
    };
    recorder.onerror = () => {
      s.discard = true;
      stop();
      setState({ phase: 'error', message: 'Recording stopped unexpectedly. Try again.' });
    };
    // Small slices: a recording stopped early still has its data.
    recorder.start(250);
    setElapsedMs(0);
    setState({ phase: 'recording' });
    s.frame = requestAnimationFrame(tick);
  }, [maxMs, release, stop]);

  const start = useCallback(async () => {
    if (session.current || starting.current) return;
    starting.current = true;
    try {
      await begin();
    } finally {
      starting.current = false;
    }
  }, [begin]);

  /** Stops without keeping anything. */
  const cancel = useCallback(() => {
    const s = session.current;
    if (s) {
      s.discard = true;
      stop();
    }
    setState({ phase: 'idle' });
  }, [stop]);

  /** Forgets a recording under review (sent or deleted). */
  const discard = useCallback(() => {
    if (reviewUrl.current) URL.revokeObjectURL(reviewUrl.current);
    reviewUrl.current = null;
    setState({ phase: 'idle' });
  }, []);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      const s = session.current;
      if (s) {
        s.discard = true;
        if (s.recorder.state !== 'inactive') s.recorder.stop();
        release();
      }
      if (reviewUrl.current) URL.revokeObjectURL(reviewUrl.current);
    };
  }, [release]);

  return { state, elapsedMs, level, start, stop, cancel, discard };
}
