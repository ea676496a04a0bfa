import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { endBrowserSession, startBrowserSession } from '../users/browser-sessions';
import { verifyCredentials } from '../users/verify-credentials';
import { tokenRequestSchema } from '../validations/auth';
import { clientAddress } from './attempts';
import { authSecret } from './secret';

const THIRTY_DAYS = 30 * 24 * 60 * 60;

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string };
  }
  interface User {
    tokenVersion: number;
    userAgent: string | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    ver?: number;
    /** The server-side session (AuthSession) this cookie belongs to. */
    sid?: string;
  }
}

/** Browser sessions: email and password, kept in an HttpOnly, SameSite=Lax JWT cookie. */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: THIRTY_DAYS },
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const parsed = tokenRequestSchema.safeParse(credentials);
          if (!parsed.success) return null;
          // A thrown error's message reaches the sign-in form as `error`.
          const found = await verifyCredentials(parsed.data, clientAddress(req.headers ?? {}));
          if (!found) return null;
          const { user, tokenVersion } = found;
          const agent = req.headers?.['user-agent'];
          return {
            id: user.id,
            name: user.name,
            email: user.email,
            tokenVersion,
            userAgent: typeof agent === 'string' ? agent : null,
          };
        },
      }),
    ],
    events: {
      // Signing out ends the session on the server too: a copied cookie stops working.
      async signOut({ token }) {
        if (typeof token.sid === 'string') await endBrowserSession({ sessionId: token.sid });
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.ver = user.tokenVersion;
          token.sid = await startBrowserSession({
            userId: user.id,
            userAgent: user.userAgent,
            maxAgeSeconds: THIRTY_DAYS,
          });
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? '',
          name: token.name ?? '',
          email: token.email ?? '',
        };
        return session;
      },
    },
  };
}
