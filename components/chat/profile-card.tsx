'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import { chatClient } from '@/lib/client/chat-client';
import { closeModal, Modal } from '../ui/modal';
import { Avatar } from './avatar';

interface ProfileCardState {
  userId: string | null;
  open(userId: string): void;
  close(): void;
}

/** The one profile card of the chat app, opened from a direct chat's header or a group's members. */
export const useProfileCard = create<ProfileCardState>((set) => ({
  userId: null,
  open: (userId) => set({ userId }),
  close: () => set({ userId: null }),
}));

export const openProfile = (userId: string) => useProfileCard.getState().open(userId);

/** Someone's profile, read-only: photo, name, pronouns, bio, and the chats we share. */
export function ProfileCard({ onOpenChat }: { onOpenChat(chatId: string): void }) {
  const userId = useProfileCard((s) => s.userId);
  const close = useProfileCard((s) => s.close);
  if (!userId) return null;
  return <Card key={userId} userId={userId} onClose={close} onOpenChat={onOpenChat} />;
}

function Card(props: { userId: string; onClose(): void; onOpenChat(chatId: string): void }) {
  const profile = useQuery({
    queryKey: ['user', props.userId],
    queryFn: async () =>
      unwrap(await chatClient().rest.GET('/api/v1/users/{id}', { params: { path: { id: props.userId } } })),
  });
  const shared = useQuery({
    queryKey: ['user', props.userId, 'shared-chats'],
    queryFn: async () =>
      unwrap(
        await chatClient().rest.GET('/api/v1/users/{id}/shared-chats', {
          params: { path: { id: props.userId } },
        }),
      ),
  });
  const user = profile.data?.user;
  return (
    <Modal labelledBy="profile-card-title" onClose={props.onClose} size="md">
      {profile.isLoading && (
        <h2 id="profile-card-title" className="text-lg font-semibold">
          Loading profile…
        </h2>
      )}
      {profile.isError && (
        <>
          <h2 id="profile-card-title" className="text-lg font-semibold">
            Profile
          </h2>
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            This profile could not be loaded.
          </p>
        </>
      )}
      {user && (
        <>
          <div className="flex items-center gap-3">
            <Avatar id={user.id} name={user.name} src={user.avatarUrl} size="lg" />
            <div className="min-w-0">
              <h2 id="profile-card-title" className="truncate text-lg font-semibold">
                {user.name}
              </h2>
              {user.pronouns && (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  <span className="sr-only">Pronouns: </span>
                  {user.pronouns}
                </p>
              )}
            </div>
          </div>
          {user.bio ? (
            <p className="mt-3 break-words whitespace-pre-wrap">
              <span className="sr-only">Bio: </span>
              {user.bio}
            </p>
          ) : (
            <p className="mt-3 text-sm text-slate-600 italic dark:text-slate-400">No bio yet.</p>
          )}
          <h3 className="mt-4 mb-1 font-semibold">Chats you share</h3>
          {shared.isLoading && <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
          {shared.isError && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              Shared chats could not be loaded.
            </p>
          )}
          {shared.data && shared.data.chats.length === 0 && (
            <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
          )}
          {shared.data && shared.data.chats.length > 0 && (
            <ul aria-label="Chats you share" className="max-h-48 overflow-y-auto">
              {shared.data.chats.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    onClick={(e) => {
                      closeModal(e);
                      props.onOpenChat(c.id);
                    }}
                    className="w-full rounded px-2 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                  >
                    {c.type === 'DIRECT' ? 'Your direct chat' : (c.name ?? 'Group')}
                    {c.type === 'GROUP' && (
                      <span className="text-sm text-slate-600 dark:text-slate-400">
                        {' '}
                        · {c.participantCount} members
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Modal>
  );
}
