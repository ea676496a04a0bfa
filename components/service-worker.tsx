'use client';

import { useEffect } from 'react';

/** Registers the offline shell's service worker (production builds only). */
export function ServiceWorker() {
  useEffect(() => {
    // Next inlines NODE_ENV into client bundles; lib/env.ts is server-only.
    // eslint-disable-next-line no-restricted-syntax
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app still works; it just has no offline screen.
    });
  }, []);
  return null;
}
