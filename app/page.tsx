import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function LandingPage() {
  if (await currentSession()) redirect('/chat');
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-6 p-6">
      <h1 className="text-4xl font-bold tracking-tight">Chat</h1>
      <p className="text-lg text-slate-700 dark:text-slate-300">
        Talk with the people you matched with, one to one or in groups, live.
      </p>
      <div className="flex gap-3">
        <Link
          href="/sign-up"
          className="rounded-lg bg-blue-700 px-5 py-2.5 font-medium text-white hover:bg-blue-800"
        >
          Create an account
        </Link>
        <Link
          href="/sign-in"
          className="rounded-lg border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Sign in
        </Link>
      </div>
    </main>
  );
}
