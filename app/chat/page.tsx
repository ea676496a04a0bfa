import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/sign-out-button';
import { currentSession } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Chats' };

export default async function ChatPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-4 p-6">
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-bold">Chats</h1>
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-700 dark:text-slate-300">
            Signed in as <strong>{session.user.name}</strong>
          </span>
          <SignOutButton />
        </div>
      </header>
    </main>
  );
}
