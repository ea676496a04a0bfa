import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminShell } from '@/components/admin/admin-shell';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { default: 'Moderation', template: '%s · Moderation' } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await requireConsole();
  return <AdminShell me={{ name: me.name, role: me.role }}>{children}</AdminShell>;
}
