// Small inline icons: drawn, so they do not depend on an emoji font being installed.
const BASE = {
  'aria-hidden': true,
  focusable: false,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export function PaperclipIcon({ className = 'h-5 w-5' }: { className?: string }) {
  return (
    <svg {...BASE} className={className}>
      <path d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l7.9-7.9" />
    </svg>
  );
}

export function MicIcon({ className = 'h-5 w-5' }: { className?: string }) {
  return (
    <svg {...BASE} className={className}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </svg>
  );
}

export function PlayIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg {...BASE} fill="currentColor" stroke="none" className={className}>
      <path d="M8 5.5v13a1 1 0 0 0 1.5.9l10.4-6.5a1 1 0 0 0 0-1.8L9.5 4.6A1 1 0 0 0 8 5.5z" />
    </svg>
  );
}

export function PauseIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg {...BASE} fill="currentColor" stroke="none" className={className}>
      <rect x="6" y="5" width="4" height="14" rx="1" />
      <rect x="14" y="5" width="4" height="14" rx="1" />
    </svg>
  );
}

export function DownloadIcon({ className = 'h-5 w-5' }: { className?: string }) {
  return (
    <svg {...BASE} className={className}>
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  );
}
