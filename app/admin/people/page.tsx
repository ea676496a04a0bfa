import type { Metadata } from 'next';
import { People } from '@/components/admin/people';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'People' };

// Granting and revoking the moderator role is for admins; moderators get the 404 page.
export default async function PeoplePage() {
  const me = await requireConsole('ADMIN');
  return <People meId={me.id} />;
}
