import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth-form';
import { currentSession } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { accountStanding } from '@/lib/users/account-standing';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  // A suspended or banned person's pages send them here with their cookie
  // still set: they are told why and until when, as signing in would.
  const session = await currentSession();
  const standing = session ? await accountStanding(session.user.id) : null;
  // Where the profile page sends someone who has just deleted their account.
  const deleted = (await searchParams).deleted === '1';
  const days = env().ACCOUNT_DELETION_GRACE_DAYS;
  const status = deleted
    ? `Your account has been deleted and you are signed out. It will be erased ${days === 0 ? 'shortly' : `in ${days} day${days === 1 ? '' : 's'}`}; signing in before then cancels the deletion.`
    : undefined;
  return <AuthForm mode="sign-in" notice={standing?.refusal ?? undefined} status={status} />;
}
