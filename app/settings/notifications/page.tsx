import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NotificationSettingsScreen } from '@/components/notifications/settings-screen';
import { currentSession } from '@/lib/auth/session';
import { accountStanding } from '@/lib/users/account-standing';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationSettingsPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  const standing = await accountStanding(session.user.id);
  if (!standing || standing.refusal) redirect('/sign-in');
  return <NotificationSettingsScreen meId={session.user.id} />;
}
