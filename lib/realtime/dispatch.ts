// Every client event goes through `on()`: rate limit, validate, run, ack.
// A handler never throws past this point, so a crafted packet cannot crash
// the process or leave an unhandled rejection.
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, toErrorBody } from '../errors';
import type { AckResponse, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from './events';
import { holdBack } from './hold-back';
import type { RateLimiter } from './rate-limit';

export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface DispatchDeps {
  logger: Logger;
  limiter: RateLimiter;
}

// The ack is every event's second parameter; its response type is the result.
type Result<E extends keyof ClientToServerEvents> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (r: AckResponse<infer T>) => void ? T : never;

export function on<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: ChatSocket,
  deps: DispatchDeps,
  event: E,
  schema: S,
  handler: (input: z.infer<S>) => Promise<Result<E>> | Result<E>,
): void {
  // Socket.IO hands us whatever the client sent: the payload may be missing,
  // and the ack may sit in the payload's place or be absent.
  (socket as unknown as Socket).on(event as string, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (r: AckResponse<Result<E>>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    void run(socket, deps, event, schema, handler, payload).then((response) => {
      if (ack) ack(response);
      else if (!response.ok) socket.emit('error', { ...response.error, event });
    });
  });
}

async function run<E extends keyof ClientToServerEvents, S extends z.ZodType>(
  socket: ChatSocket,
  deps: DispatchDeps,
  event: E,
  schema: S,
  handler: (input: z.infer<S>) => Promise<Result<E>> | Result<E>,
  payload: unknown,
): Promise<AckResponse<Result<E>>> {
  try {
    await deps.limiter.consume(socket.id, socket.data.user.id);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new AppError('VALIDATION', `${where}${issue?.message ?? 'The payload is invalid.'}`);
    }
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    // Over a budget: read nothing more from this socket until it comes back.
    if (error instanceof AppError && error.code === 'RATE_LIMITED') holdBack(socket, (error.retryAfterSeconds ?? 1) * 1000);
    if (!(error instanceof AppError)) {
      deps.logger.error({ err: error, event, userId: socket.data.user.id }, 'socket handler failed');
    }
    return { ok: false, error: toErrorBody(error) };
  }
}
