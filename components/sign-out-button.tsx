'use client';

import { useRouter } from 'next/navigation';
import { closeChatClient } from '@/lib/client/chat-client';
import { disablePush } from './notifications/push-device';

export function SignOutButton() {
  const router = useRouter();
  // redirect: false keeps next-auth from building the URL from NEXTAUTH_URL
  // (localhost:3000 when unset); the router stays on our own origin.
  const onClick = async () => {
    // Loaded on click: next-auth's client is a tenth of the chat screen's
    // JavaScript, and the screen needs it only to sign out.
    const { signOut } = await import('next-auth/react');
    // This browser stops getting this account's notifications: the next person on it must not see them.
    await disablePush().catch(() => {});
    // The socket closes; this account's outbox waits in its own database for its next sign-in.
    await closeChatClient();
    await signOut({ redirect: false });
    router.replace('/sign-in');
    router.refresh();
  };
  return (
    <button
      type="button"
      onClick={() => void onClick()}
      className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
