import { getServerSession, type Session } from 'next-auth';
import { authOptions } from './next-auth';

/** The browser session in server components, or null when signed out. */
export async function currentSession(): Promise<Session | null> {
  const session = await getServerSession(authOptions());
  return session?.user.id ? session : null;
}
