import { getSettings, updateSettings } from '../../users/settings';
import { anyPayloadSchema } from '../../validations/realtime';
import { updateSettingsSchema } from '../../validations/settings';
import { on, type ChatSocket, type DispatchDeps } from '../dispatch';

/** Privacy settings over the socket, as GET and PATCH /api/v1/users/me/settings. */
export function registerSettingsHandlers(socket: ChatSocket, deps: DispatchDeps): void {
  const userId = socket.data.user.id;
  on(socket, deps, 'get_settings', anyPayloadSchema, () => getSettings({ userId }));
  on(socket, deps, 'update_settings', updateSettingsSchema, (changes) =>
    updateSettings({ userId, changes, origin: socket.id }),
  );
}
