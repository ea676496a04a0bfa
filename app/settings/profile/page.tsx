import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ProfileScreen } from '@/components/profile/profile-screen';
import { currentSession } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { accountStanding } from '@/lib/users/account-standing';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  const standing = await accountStanding(session.user.id);
  if (!standing || standing.refusal) redirect('/sign-in');
  return <ProfileScreen graceDays={env().ACCOUNT_DELETION_GRACE_DAYS} />;
}
