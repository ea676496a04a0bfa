'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';

/** A settings page: its own query cache, the title, and the way back to the chats. */
export function SettingsPage({ title, children }: { title: string; children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <main className="mx-auto max-w-xl space-y-8 p-4 sm:p-6">
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{title}</h1>
          <Link
            href="/chat"
            className="rounded-lg px-2 py-1.5 font-medium text-blue-700 underline dark:text-blue-400"
          >
            Back to chats
          </Link>
        </div>
        {children}
      </main>
    </QueryClientProvider>
  );
}
