import type { Metadata } from 'next';
import { Analytics } from '@/components/admin/analytics';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Analytics' };

// The product's health in figures, for admins; moderators get the 404 page.
export default async function AnalyticsPage() {
  await requireConsole('ADMIN');
  return <Analytics />;
}
