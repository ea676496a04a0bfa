import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Offline' };

/** Served by the service worker when a page cannot be reached. */
export default function OfflinePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-bold">You are offline</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Chat needs a connection to load. Your drafts are kept on this device; we will pick up where you left
        off as soon as you are back online.
      </p>
      <a href="/chat" className="mx-auto rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
        Try again
      </a>
    </main>
  );
}
