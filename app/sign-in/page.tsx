import type { Metadata } from 'next';
import { AuthForm } from '@/components/auth-form';
import { currentSession } from '@/lib/auth/session';
import { accountStanding } from '@/lib/users/account-standing';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage() {
  // A suspended or banned person's pages send them here with their cookie
  // still set: they are told why and until when, as signing in would.
  const session = await currentSession();
  const standing = session ? await accountStanding(session.user.id) : null;
  return <AuthForm mode="sign-in" notice={standing?.refusal ?? undefined} />;
}
