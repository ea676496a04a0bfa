import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReportQueue } from '@/components/admin/report-queue';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  const me = await requireConsole();
  return (
    <Suspense>
      <ReportQueue meId={me.id} />
    </Suspense>
  );
}
