import type { Metadata } from 'next';
import { AuditLog } from '@/components/admin/audit-log';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  await requireConsole();
  return <AuditLog />;
}
