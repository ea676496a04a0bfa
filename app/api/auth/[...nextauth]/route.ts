import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/next-auth';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// GET|POST /api/auth/* – next-auth's sign-in, sign-out, session and CSRF endpoints
async function handler(req: Request, ctx: Ctx): Promise<Response> {
  return (await NextAuth(req as never, { params: await ctx.params } as never, authOptions())) as Response;
}

export { handler as GET, handler as POST };
