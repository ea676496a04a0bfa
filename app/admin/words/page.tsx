import type { Metadata } from 'next';
import { WordList } from '@/components/admin/word-list';
import { requireConsole } from '@/lib/auth/console-access';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Word list' };

export default async function WordsPage() {
  await requireConsole();
  return <WordList />;
}
