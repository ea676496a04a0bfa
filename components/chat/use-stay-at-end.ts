'use client';

import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the end the reader is "at the latest", and new messages are followed. */
export const AT_END_PX = 80;

/**
 * The end of the thread as the place to be: open there, go there when I
 * send, and stay there when the viewport shrinks. Appends while at the end
 * are followed by the virtualizer itself (followOnAppend).
 */
export function useStayAtEnd(opts: {
  scroller: RefObject<HTMLElement | null>;
  scrollToEnd(): void;
  count: number;
  /** The newest message of mine still on its way. */
  lastPending: string | undefined;
}) {
  const { scroller, count, lastPending } = opts;
  const [atEnd, setAtEnd] = useState(true);
  const scrollToEnd = useRef(opts.scrollToEnd);
  const wasAtEnd = useRef(atEnd);
  useLayoutEffect(() => {
    scrollToEnd.current = opts.scrollToEnd;
    wasAtEnd.current = atEnd;
  });

  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || count === 0) return;
    opened.current = true;
    scrollToEnd.current();
  }, [count]);

  // My own new message is always brought into view, wherever I was reading.
  useLayoutEffect(() => {
    if (lastPending) scrollToEnd.current();
  }, [lastPending]);

  // A panel opening or the composer growing shrinks the viewport; a reader at the end stays there.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => wasAtEnd.current && scrollToEnd.current());
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller]);

  const onScroll = (el: HTMLElement) =>
    setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX);
  return { atEnd, onScroll };
}
