import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { DataSettingsScreen } from '@/components/exports/data-screen';
import { currentSession } from '@/lib/auth/session';
import { accountStanding } from '@/lib/users/account-standing';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your data' };

export default async function DataSettingsPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  const standing = await accountStanding(session.user.id);
  if (!standing || standing.refusal) redirect('/sign-in');
  return <DataSettingsScreen />;
}
