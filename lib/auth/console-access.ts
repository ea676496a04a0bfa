// The moderation console's pages answer 404 to anyone without the platform
// role, signed out included, exactly like /api/v1/admin: nobody learns the
// console is there.
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { platformRoleOf, type PlatformRole } from '../users/platform-role';
import { currentSession } from './session';

export interface ConsoleUser {
  id: string;
  name: string;
  role: Exclude<PlatformRole, 'USER'>;
}

/** The signed-in moderator or admin; the layout and the page share one lookup per request. */
const consoleUser = cache(async (): Promise<ConsoleUser | null> => {
  const session = await currentSession();
  if (!session) return null;
  const role = await platformRoleOf(session.user.id);
  if (role === 'USER') return null;
  return { id: session.user.id, name: session.user.name, role };
});

/** Renders the 404 page unless the caller holds `least` or a higher platform role. */
export async function requireConsole(least: 'MODERATOR' | 'ADMIN' = 'MODERATOR'): Promise<ConsoleUser> {
  const user = await consoleUser();
  if (!user || (least === 'ADMIN' && user.role !== 'ADMIN')) notFound();
  return user;
}
