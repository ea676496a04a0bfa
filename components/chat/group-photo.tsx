'use client';

import { unwrap } from '@chat/sdk';
import type { ChatListItemDto } from '@/lib/chat/dto';
import { chatClient } from '@/lib/client/chat-client';
import { AvatarEditor } from './avatar-editor';

/** A group admin's control for the group's photo, in the group panel. */
export function GroupPhoto({ chat, onChanged }: { chat: ChatListItemDto; onChanged(): Promise<void> }) {
  const setPhoto = async (avatarUploadId: string | null) => {
    unwrap(
      await chatClient().rest.PATCH('/api/v1/chat/sessions/{id}', {
        params: { path: { id: chat.id } },
        body: { avatarUploadId },
      }),
    );
    await onChanged();
  };
  return (
    <details className="mb-3">
      <summary className="cursor-pointer font-semibold">Group photo</summary>
      <div className="mt-2">
        <AvatarEditor
          id={chat.id}
          name={chat.name ?? 'Group'}
          current={chat.avatarUrl}
          subject="the group’s photo"
          onSave={async (photo) => {
            const upload = await chatClient().upload({
              file: photo,
              name: 'group.jpg',
              chatId: chat.id,
              purpose: 'avatar',
            });
            await setPhoto(upload.id);
          }}
          onRemove={() => setPhoto(null)}
        />
      </div>
    </details>
  );
}
