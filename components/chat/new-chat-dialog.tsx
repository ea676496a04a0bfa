'use client';

import { unwrap } from '@chat/sdk';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChatDto } from '@/lib/chat/dto';
import type { CreateChatInput } from '@/lib/validations/chat';
import { chatClient } from '@/lib/client/chat-client';
import { errorMessage } from '@/lib/client/rest';
import type { PublicUser } from '@/lib/users/dto';
import { Modal } from '../ui/modal';
import { Avatar } from './avatar';

/** Find people by name; start a DM, or pick several and name a group. */
export function NewChatDialog({ onClose, onCreated }: { onClose(): void; onCreated(chat: ChatDto): void }) {
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<PublicUser[]>([]);
  const [groupName, setGroupName] = useState('');
  const [error, setError] = useState('');
  const query = q.trim();
  const people = useQuery({
    queryKey: ['users', 'search', query],
    queryFn: async () =>
      unwrap(await chatClient().rest.GET('/api/v1/users/search', { params: { query: { q: query } } })),
    enabled: query.length > 0,
  });

  const create = async (body: CreateChatInput) => {
    setError('');
    try {
      const { chat } = unwrap(await chatClient().rest.POST('/api/v1/chat/sessions', { body }));
      onCreated(chat);
    } catch (e) {
      setError(errorMessage(e, 'Could not start the chat. Try again.'));
    }
  };
  const toggle = (u: PublicUser) =>
    setPicked((p) => (p.some((x) => x.id === u.id) ? p.filter((x) => x.id !== u.id) : [...p, u]));

  return (
    <Modal labelledBy="new-chat-title" onClose={onClose}>
      <h2 id="new-chat-title" className="mb-3 text-lg font-semibold">
        New chat
      </h2>
      <label htmlFor="people-search" className="font-medium">
        Find people
      </label>
      <input
        id="people-search"
        type="search"
        autoFocus
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Name"
        className="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
      />
      <ul className="mt-2 max-h-60 overflow-y-auto" aria-label="People">
        {people.data?.users.map((u) => (
          <li key={u.id} className="flex items-center gap-3 py-1.5">
            <Avatar id={u.id} name={u.name} src={u.avatarUrl} />
            <span className="flex-1 truncate">{u.name}</span>
            <button
              type="button"
              onClick={() => void create({ type: 'DIRECT', targetUserId: u.id })}
              className="rounded-lg bg-blue-700 px-2 py-1 text-sm text-white hover:bg-blue-800"
              aria-label={`Message ${u.name}`}
            >
              Message
            </button>
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={picked.some((p) => p.id === u.id)} onChange={() => toggle(u)} />
              Group
            </label>
          </li>
        ))}
        {query && people.data?.users.length === 0 && (
          <li className="py-2 text-sm text-slate-600">Nobody found.</li>
        )}
      </ul>
      {picked.length > 0 && (
        <form
          className="mt-3 flex flex-col gap-2 border-t border-slate-200 pt-3 dark:border-slate-700"
          onSubmit={(e) => {
            e.preventDefault();
            void create({ type: 'GROUP', name: groupName, participantIds: picked.map((p) => p.id) });
          }}
        >
          <p className="text-sm">With {picked.map((p) => p.name).join(', ')}</p>
          <label htmlFor="group-name" className="font-medium">
            Group name
          </label>
          <input
            id="group-name"
            required
            value={groupName}
            onChange={(e) => setGroupName(e.target.value)}
            className="rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
          />
          <button
            type="submit"
            className="rounded-lg bg-blue-700 px-3 py-2 font-medium text-white hover:bg-blue-800"
          >
            Create group
          </button>
        </form>
      )}
      <p role="alert" className="mt-2 min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </Modal>
  );
}
