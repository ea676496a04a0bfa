// The Socket.IO protocol: one typed event map shared by the server
// (`new Server<…>()`) and the clients. The maps live in the SDK
// (sdk/src/protocol); server-only types stay here.
import type { AuthUser } from '../auth/principal';

export type {
  Ack,
  AckResponse,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../sdk/src/protocol/events';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  user: AuthUser;
  /** When the credential the socket was authenticated with expires (ms since epoch). */
  expiresAt: number;
  via: 'token' | 'cookie';
  /** The chats the user took part in at the handshake: the rooms the socket joins. */
  chatIds: string[];
  /** The browser session a cookie-authenticated socket belongs to: signing it out closes the socket. */
  sessionId?: string;
}
