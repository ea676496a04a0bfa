import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ServiceWorker } from '@/components/service-worker';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chat', template: '%s · Chat' },
  description: 'Direct and group chat, live.',
  applicationName: 'Chat',
  appleWebApp: { capable: true, title: 'Chat', statusBarStyle: 'default' },
  icons: { icon: '/icons/icon-192.png', apple: '/icons/apple-touch-icon.png' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0f172a' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so its scripts carry that response's CSP
  // nonce (proxy.ts). A page prerendered at build time has none, and the
  // browser would block its scripts: it would show but never hydrate.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-white text-slate-900 antialiased dark:bg-slate-900 dark:text-slate-100">
        {children}
        <ServiceWorker />
      </body>
    </html>
  );
}
