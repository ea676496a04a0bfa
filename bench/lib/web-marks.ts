// What the page records about its own load, through PerformanceObserver,
// and Total Blocking Time computed from it.

export interface Marks {
  fcp: number | null;
  lcp: number | null;
  cls: number;
  ready: number | null;
  longTasks: Array<{ start: number; end: number }>;
}

/**
 * Runs in the page before any of its scripts. No named inner functions: tsx
 * compiles them with a `__name` helper that does not exist in the page.
 */
export function collect({ selector, text }: { selector: string; text: string }): void {
  const marks: Marks = { fcp: null, lcp: null, cls: 0, ready: null, longTasks: [] };
  (window as unknown as { __webLoad: Marks }).__webLoad = marks;
  // CLS as Lighthouse reports it: the largest session window (gaps < 1 s, at most 5 s).
  let session = { value: 0, first: 0, last: 0 };
  const handlers: Array<[string, (e: PerformanceEntry) => void]> = [
    ['paint', (e) => e.name === 'first-contentful-paint' && (marks.fcp = e.startTime)],
    ['largest-contentful-paint', (e) => (marks.lcp = e.startTime)],
    ['longtask', (e) => marks.longTasks.push({ start: e.startTime, end: e.startTime + e.duration })],
    [
      'layout-shift',
      (e) => {
        const shift = e as PerformanceEntry & { value: number; hadRecentInput: boolean };
        if (shift.hadRecentInput) return;
        if (e.startTime - session.last > 1000 || e.startTime - session.first > 5000)
          session = { value: 0, first: e.startTime, last: e.startTime };
        session.value += shift.value;
        session.last = e.startTime;
        marks.cls = Math.max(marks.cls, session.value);
      },
    ],
  ];
  for (const [type, each] of handlers) {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
    } catch {
      // Entry type not supported: the metric stays null.
    }
  }
  // "Ready": the chat list's first entry is in the DOM, then painted (next frame).
  const seen = new MutationObserver(() => {
    if (!document.querySelector(selector)?.textContent?.includes(text)) return;
    seen.disconnect();
    requestAnimationFrame(() => setTimeout(() => (marks.ready = performance.now()), 0));
  });
  seen.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Lighthouse's TBT: each long task's time past 50 ms, clipped to [from, to]. */
export function blockingTime(tasks: Marks['longTasks'], from: number, to: number): number {
  let sum = 0;
  for (const t of tasks) {
    const duration = Math.min(t.end, to) - Math.max(t.start, from);
    if (duration > 50) sum += duration - 50;
  }
  return sum;
}
