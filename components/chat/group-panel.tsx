'use client';

import { unwrap } from '@chat/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChatListItemDto, Role } from '@/lib/chat/dto';
import { CHAT_LIST_KEY, chatClient } from '@/lib/client/chat-client';
import { errorMessage } from '@/lib/client/rest';
import { useChatState } from '@chat/sdk/react';
import type { PublicUser } from '@/lib/users/dto';
import type { UpdateChatInput } from '@/lib/validations/chat';
import { openReport } from './report-store';
import { openProfile } from './profile-card';
import { Avatar } from './avatar';
import { GroupPhoto } from './group-photo';

const ROLE_LABEL: Record<Role, string> = { ADMIN: 'Admin', MODERATOR: 'Moderator', MEMBER: 'Member' };

/** Members with roles and presence; only the actions your role allows are offered. */
export function GroupPanel({ chat, meId, onLeft }: { chat: ChatListItemDto; meId: string; onLeft(): void }) {
  const qc = useQueryClient();
  const presence = useChatState((s) => s.presence);
  const [name, setName] = useState(chat.name ?? '');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PublicUser[]>([]);
  const [error, setError] = useState('');
  const myRole = chat.participants.find((p) => p.id === meId)?.role ?? 'MEMBER';
  const isAdmin = myRole === 'ADMIN';
  const canAdd = myRole !== 'MEMBER';

  const run = async (action: () => Promise<unknown>) => {
    setError('');
    try {
      await action();
      await qc.invalidateQueries({ queryKey: CHAT_LIST_KEY });
    } catch (e) {
      setError(errorMessage(e, 'That did not work. Try again.'));
    }
  };
  const path = { id: chat.id };
  const update = (body: UpdateChatInput) =>
    run(async () =>
      unwrap(await chatClient().rest.PUT('/api/v1/chat/sessions/{id}', { params: { path }, body })),
    );

  return (
    <aside aria-label="Group info" className="border-b border-slate-200 p-3 text-sm dark:border-slate-700">
      {isAdmin && <GroupPhoto chat={chat} onChanged={() => qc.invalidateQueries({ queryKey: CHAT_LIST_KEY })} />}
      {isAdmin && (
        <form
          className="mb-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ name });
          }}
        >
          <label htmlFor="group-rename" className="sr-only">
            Group name
          </label>
          <input
            id="group-rename"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="flex-1 rounded-lg border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800"
          />
          <button
            type="submit"
            className="rounded-lg border border-slate-400 px-2 py-1 dark:border-slate-500"
          >
            Rename
          </button>
        </form>
      )}
      <h3 className="mb-1 font-semibold">{chat.participantCount} members</h3>
      <ul aria-label="Members" className="mb-2 max-h-56 overflow-y-auto">
        {chat.participants.map((p) => {
          const online = (presence[p.id]?.status ?? p.presence.status) === 'online';
          const canRemove = p.id !== meId && (isAdmin || (myRole === 'MODERATOR' && p.role === 'MEMBER'));
          return (
            <li key={p.id} className="flex items-center gap-2 py-1">
              <Avatar id={p.id} name={p.name} online={online} src={p.avatarUrl} />
              <span className="flex-1 truncate">
                {p.id === meId ? (
                  `${p.name} (you)`
                ) : (
                  <button
                    type="button"
                    onClick={() => openProfile(p.id)}
                    aria-label={`View ${p.name}’s profile`}
                    className="underline-offset-2 hover:underline"
                  >
                    {p.name}
                  </button>
                )}{' '}
                <span className="text-slate-600 dark:text-slate-400">· {ROLE_LABEL[p.role]}</span>
              </span>
              {isAdmin && p.id !== meId && (
                <label className="sr-only" htmlFor={`role-${p.id}`}>
                  Role of {p.name}
                </label>
              )}
              {isAdmin && p.id !== meId && (
                <select
                  id={`role-${p.id}`}
                  value={p.role}
                  onChange={(e) => void update({ roles: [{ userId: p.id, role: e.target.value as Role }] })}
                  className="rounded border border-slate-400 bg-white px-1 py-0.5 dark:border-slate-500 dark:bg-slate-800"
                >
                  <option value="ADMIN">Admin</option>
                  <option value="MODERATOR">Moderator</option>
                  <option value="MEMBER">Member</option>
                </select>
              )}
              {canRemove && (
                <button
                  type="button"
                  onClick={() => void update({ removeParticipantIds: [p.id] })}
                  className="underline"
                  aria-label={`Remove ${p.name}`}
                >
                  Remove
                </button>
              )}
              {p.id !== meId && (
                <button
                  type="button"
                  onClick={() => openReport({ userId: p.id, name: p.name, chatId: chat.id })}
                  className="underline"
                  aria-label={`Report ${p.name}`}
                >
                  Report
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {canAdd && (
        <form
          className="mb-2 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const res = unwrap(
                await chatClient().rest.GET('/api/v1/users/search', { params: { query: { q: q.trim() } } }),
              );
              setFound(res.users.filter((u) => !chat.participants.some((p) => p.id === u.id)));
            });
          }}
        >
          <label htmlFor="group-add" className="sr-only">
            Add people
          </label>
          <input
            id="group-add"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Add people by name"
            className="flex-1 rounded-lg border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800"
          />
          <button
            type="submit"
            className="rounded-lg border border-slate-400 px-2 py-1 dark:border-slate-500"
          >
            Find
          </button>
        </form>
      )}
      {found.length > 0 && (
        <ul aria-label="People to add" className="mb-2">
          {found.map((u) => (
            <li key={u.id} className="flex items-center gap-2 py-1">
              <span className="flex-1 truncate">{u.name}</span>
              <button
                type="button"
                className="underline"
                onClick={() => {
                  setFound((f) => f.filter((x) => x.id !== u.id));
                  void update({ addParticipantIds: [u.id] });
                }}
              >
                Add {u.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-3">
        <button
          type="button"
          className="text-red-700 underline dark:text-red-400"
          onClick={() =>
            confirm('Leave this group?') &&
            void run(async () => {
              unwrap(await chatClient().rest.DELETE('/api/v1/chat/sessions/{id}', { params: { path } }));
              onLeft();
            })
          }
        >
          Leave group
        </button>
        {isAdmin && (
          <button
            type="button"
            className="text-red-700 underline dark:text-red-400"
            onClick={() =>
              confirm('Delete this group for everyone? This cannot be undone.') &&
              void run(async () => {
                unwrap(
                  await chatClient().rest.DELETE('/api/v1/chat/sessions/{id}', {
                    params: { path, query: { forEveryone: 'true' } },
                  }),
                );
                onLeft();
              })
            }
          >
            Delete for everyone
          </button>
        )}
      </div>
      <p role="alert" className="min-h-5 text-red-700 dark:text-red-400">
        {error}
      </p>
    </aside>
  );
}
