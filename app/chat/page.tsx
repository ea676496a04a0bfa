import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { ChatApp } from '@/components/chat/chat-app';
import { currentSession } from '@/lib/auth/session';
import { webAppSettings } from '@/lib/web-app-settings';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Chats' };

export default async function ChatPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return (
    <Suspense>
      <ChatApp me={{ id: session.user.id, name: session.user.name }} settings={webAppSettings()} />
    </Suspense>
  );
}
