import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { ChatApp } from '@/components/chat/chat-app';
import { currentSession } from '@/lib/auth/session';
import { API_BASE, CHAT_LIST_PATH } from '@/lib/client/api';
import { accountStanding } from '@/lib/users/account-standing';
import { webAppSettings } from '@/lib/web-app-settings';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Chats' };

export default async function ChatPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  // The cookie outlives a suspension or ban given after it was issued; sign-in says why.
  const standing = await accountStanding(session.user.id);
  if (!standing || standing.refusal) redirect('/sign-in');
  return (
    <>
      {/* The list is the screen's first content, and the client asks for it
          only after hydrating. Preloading it from the HTML fetches it while the
          scripts download. The URL and credentials mode must match the chat
          client's first list request exactly (credentials 'include', hence
          use-credentials), or the browser fetches it twice. */}
      <link rel="preload" as="fetch" href={`${API_BASE}${CHAT_LIST_PATH}`} crossOrigin="use-credentials" />
      <Suspense>
        <ChatApp
          me={{ id: session.user.id, name: session.user.name }}
          settings={webAppSettings()}
          moderates={standing.platformRole !== 'USER'}
        />
      </Suspense>
    </>
  );
}
