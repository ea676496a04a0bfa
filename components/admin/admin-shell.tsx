'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';

const VIEWS = [
  { href: '/admin', label: 'Reports' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/words', label: 'Word list' },
  { href: '/admin/people', label: 'People', adminOnly: true },
  { href: '/admin/analytics', label: 'Analytics', adminOnly: true },
] as const;

/** The console's frame: its own query cache, the views' navigation and the main landmark. */
export function AdminShell(props: {
  me: { name: string; role: 'MODERATOR' | 'ADMIN' };
  children: ReactNode;
}) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1 } } }),
  );
  const pathname = usePathname();
  const views = VIEWS.filter((v) => !('adminOnly' in v) || props.me.role === 'ADMIN');
  return (
    <QueryClientProvider client={client}>
      <div className="flex min-h-dvh flex-col">
        <header className="border-b border-slate-200 px-3 py-2 dark:border-slate-700">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
            <p className="font-bold">Moderation</p>
            <p className="flex items-center gap-3 text-sm">
              <span className="text-slate-600 dark:text-slate-400">
                {props.me.name} · {props.me.role === 'ADMIN' ? 'Admin' : 'Moderator'}
              </span>
              <Link href="/chat" className="font-medium text-blue-700 underline dark:text-blue-400">
                Back to chats
              </Link>
            </p>
          </div>
          <nav aria-label="Console" className="mt-1 -mb-2 overflow-x-auto">
            <ul className="flex gap-1">
              {views.map((v) => {
                const current = pathname === v.href;
                return (
                  <li key={v.href}>
                    <Link
                      href={v.href}
                      aria-current={current ? 'page' : undefined}
                      className={`block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                        current
                          ? 'border-blue-700 text-blue-800 dark:border-sky-400 dark:text-sky-300'
                          : 'border-transparent text-slate-700 hover:border-slate-400 dark:text-slate-300'
                      }`}
                    >
                      {v.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        </header>
        <main className="flex min-h-0 flex-1 flex-col">{props.children}</main>
      </div>
    </QueryClientProvider>
  );
}
