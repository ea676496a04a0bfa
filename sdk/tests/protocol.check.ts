// One source of truth: the event maps and DTOs @chat/sdk/protocol exports are
// the ones the server is typed with, not copies that could drift. Compiled by
// `npm run typecheck`.
import type * as sdk from '@chat/sdk/protocol';
import type * as events from '../../lib/realtime/events';
import type * as dto from '../../lib/chat/dto';
import type * as errors from '../../lib/errors';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const protocolIsTheServers: [
  Same<sdk.ClientToServerEvents, events.ClientToServerEvents>,
  Same<sdk.ServerToClientEvents, events.ServerToClientEvents>,
  Same<sdk.MessageDto, dto.MessageDto>,
  Same<sdk.SyncResult, dto.SyncResult>,
  Same<sdk.ErrorBody, errors.ErrorBody>,
] = [true, true, true, true, true];

// @ts-expect-error the check itself can fail: a payload that differs is not the same
export const differs: Same<{ chatId: string }, { chatId: number }> = true;
