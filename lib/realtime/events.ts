// The Socket.IO protocol: one typed event map shared by the server
// (`new Server<…>()`) and the browser (`io()`). Event names are public.
import type { ErrorBody } from '../errors';
import type { AuthUser } from '../auth/principal';

export type Ack<T> = (response: { ok: true; data: T } | { ok: false; error: ErrorBody }) => void;

export interface ClientToServerEvents {
  /** Re-authenticates a live socket with a fresh bearer token. */
  authenticate: (payload: { token: string }, ack?: Ack<{ userId: string; expiresAt: string }>) => void;
}

export interface ServerToClientEvents {
  error: (error: ErrorBody) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  user: AuthUser;
  /** When the credential the socket was authenticated with expires. */
  expiresAt: number;
  via: 'token' | 'cookie';
}
