'use client';

import { unwrap } from '@chat/sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CHAT_LIST_KEY, chatClient } from '@/lib/client/chat-client';
import { Modal } from '../ui/modal';
import { AvatarEditor } from './avatar-editor';

export const ME_KEY = ['me'] as const;

/** The person's profile photo: shown to everyone they chat with, beside their name. */
export function ProfilePhotoDialog({ onClose }: { onClose(): void }) {
  const qc = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me')),
  });

  const setPhoto = async (avatarUploadId: string | null) => {
    const { user } = unwrap(await chatClient().rest.PATCH('/api/v1/users/me', { body: { avatarUploadId } }));
    qc.setQueryData(ME_KEY, { user });
    // Group member lists show the photo too.
    void qc.invalidateQueries({ queryKey: CHAT_LIST_KEY });
    void qc.invalidateQueries({ queryKey: ['chat-details'] });
  };

  const user = me.data?.user;
  return (
    <Modal labelledBy="profile-photo-title" onClose={onClose}>
      <h2 id="profile-photo-title" className="mb-1 text-lg font-semibold">
        Profile photo
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        People you chat with see it beside your name. It is cropped to a square.
      </p>
      {me.isLoading && <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
      {me.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Your profile could not be loaded. Close this and try again.
        </p>
      )}
      {user && (
        <AvatarEditor
          id={user.id}
          name={user.name}
          current={user.avatarUrl}
          subject="your profile photo"
          onSave={async (photo) => {
            const upload = await chatClient().upload({ file: photo, name: 'avatar.jpg', purpose: 'avatar' });
            await setPhoto(upload.id);
          }}
          onRemove={() => setPhoto(null)}
        />
      )}
    </Modal>
  );
}
