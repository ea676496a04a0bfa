'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import type { ChatListItemDto } from '@/lib/chat/dto';
import { chatClient } from '@/lib/client/chat-client';
import type { NotificationPreview } from '@/lib/validations/push';
import { titleOf } from '../chat/chat-title';
import { SettingsPage } from '../settings/settings-page';
import { DeviceSection } from './device-section';
import { QuietHoursForm } from './quiet-hours-form';
import { useMuteChat, useNotificationSettings, useUpdateNotificationSettings } from './use-notifications';

const PREVIEWS: Array<{ value: NotificationPreview; label: string; hint: string }> = [
  { value: 'full', label: 'Name and message', hint: '“Ann: See you at 8”' },
  { value: 'sender', label: 'Name only', hint: '“New message from Ann”' },
  { value: 'none', label: 'Nothing', hint: '“New message”: for shared devices' },
];

export function NotificationSettingsScreen({ meId }: { meId: string }) {
  return (
    <SettingsPage title="Notifications">
      <Settings meId={meId} />
    </SettingsPage>
  );
}

function Settings({ meId }: { meId: string }) {
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  const data = settings.data;
  // The choice shows at once; a failed save puts the stored one back.
  const preview =
    (update.isPending && (update.variables as { preview?: NotificationPreview }).preview) || data?.preview;
  return (
    <>
      {settings.isLoading && <p>Loading…</p>}
      {settings.isError && (
        <p role="alert">Your settings could not be loaded. Reload the page to try again.</p>
      )}
      {data && (
        <>
          <DeviceSection otherDevices={data.devices.length} />
          <fieldset className="space-y-2">
            <legend className="text-lg font-semibold">What notifications show</legend>
            {PREVIEWS.map((p) => (
              <label key={p.value} className="flex items-start gap-2">
                <input
                  type="radio"
                  name="preview"
                  value={p.value}
                  checked={preview === p.value}
                  disabled={update.isPending}
                  onChange={() => update.mutate({ preview: p.value })}
                  className="mt-1"
                />
                <span>
                  {p.label}
                  <span className="block text-sm text-slate-600 dark:text-slate-400">{p.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <QuietHoursForm settings={data} />
          <MutedChats meId={meId} chatIds={data.mutedChats.map((m) => m.chatId)} />
        </>
      )}
    </>
  );
}

function MutedChats({ meId, chatIds }: { meId: string; chatIds: string[] }) {
  // Their names: the first page of the chat list (REST only; this screen opens no socket).
  const chats = useQuery({
    queryKey: ['muted-chat-names'],
    queryFn: async () =>
      unwrap(await chatClient().rest.GET('/api/v1/chat/sessions', { params: { query: { limit: 100 } } })),
  });
  const name = (id: string) => {
    const chat = chats.data?.items.find((c) => c.id === id) as ChatListItemDto | undefined;
    return chat ? titleOf(chat, meId) : 'A chat';
  };
  return (
    <section aria-labelledby="muted-heading" className="space-y-2">
      <h2 id="muted-heading" className="text-lg font-semibold">
        Muted chats
      </h2>
      {chatIds.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          None. Mute a chat from its 🔔 menu in the chat header.
        </p>
      ) : (
        <ul className="space-y-1">
          {chatIds.map((id) => (
            <MutedChat key={id} chatId={id} name={name(id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MutedChat({ chatId, name }: { chatId: string; name: string }) {
  const mute = useMuteChat(chatId);
  return (
    <li className="flex items-center justify-between gap-2">
      <span className="truncate">{name}</span>
      <button
        type="button"
        disabled={mute.isPending}
        onClick={() => mute.mutate(null)}
        className="rounded-lg border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
      >
        Unmute {name}
      </button>
    </li>
  );
}
