'use client';

import { unwrap } from '@chat/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import type { AccountDto as Account } from '@/lib/moderation/roles';
import { adminKeys } from './queries';
import { BUTTON, Empty, errorText, INPUT, LoadError, Loading, PRIMARY } from './states';
import type { Moderator } from './types';

/** Admins only: who moderates, granting the role to someone found by name, and revoking it. */
export function People({ meId }: { meId: string }) {
  const qc = useQueryClient();
  const id = useId();
  const search = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ text: string; error?: boolean }>({ text: '' });
  const query = q.trim();
  const team = useQuery({
    queryKey: adminKeys.moderators,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/admin/moderators')),
  });
  const found = useQuery({
    queryKey: ['admin', 'people-search', query],
    queryFn: async () =>
      unwrap(await chatClient().rest.GET('/api/v1/admin/users', { params: { query: { q: query } } })),
    enabled: query.length > 0,
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: adminKeys.moderators }),
      qc.invalidateQueries({ queryKey: adminKeys.audit }),
    ]);
  const grant = useMutation({
    mutationFn: async (u: Account) =>
      unwrap(await chatClient().rest.POST('/api/v1/admin/moderators', { body: { userId: u.id } })),
    onSuccess: async (_, u) => {
      setResult({ text: `${u.name} is now a moderator.` });
      await refresh();
      search.current?.focus();
    },
    onError: (e) => setResult({ text: errorText(e), error: true }),
  });
  const revoke = useMutation({
    mutationFn: async (m: Moderator) =>
      unwrap(
        await chatClient().rest.DELETE('/api/v1/admin/moderators/{userId}', {
          params: { path: { userId: m.id } },
        }),
      ),
    onSuccess: async (_, m) => {
      setResult({ text: `${m.name} is no longer ${m.role === 'ADMIN' ? 'an admin' : 'a moderator'}.` });
      await refresh();
      // The row is gone with its button; the list's heading keeps the place.
      document.getElementById(`${id}-team`)?.focus();
    },
    onError: (e) => setResult({ text: errorText(e), error: true }),
  });

  const members = team.data?.items ?? [];
  const candidates = (found.data?.users ?? []).filter((u) => !members.some((m) => m.id === u.id));
  return (
    <section
      aria-labelledby="people-heading"
      className="mx-auto flex w-full max-w-3xl flex-col gap-4 p-3 md:p-4"
    >
      <h1 id="people-heading" className="text-xl font-bold">
        People
      </h1>
      <p role="status" className={`min-h-5 text-sm ${result.error ? 'text-red-700 dark:text-red-400' : ''}`}>
        {result.text}
      </p>
      <section aria-labelledby={`${id}-team`}>
        <h2 id={`${id}-team`} tabIndex={-1} className="font-semibold">
          Moderators and admins
        </h2>
        {team.isPending && <Loading>Loading the team…</Loading>}
        {team.isError && <LoadError error={team.error} what="the team" onRetry={() => void team.refetch()} />}
        {team.isSuccess && members.length === 0 && <Empty>Nobody yet.</Empty>}
        <ul className="divide-y divide-slate-200 dark:divide-slate-700">
          {members.map((m) => (
            <li key={m.id} className="flex items-center gap-3 py-2">
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">
                  {m.name}
                  {m.id === meId && ' (you)'}
                </span>
                <span className="block truncate text-xs text-slate-600 dark:text-slate-400">
                  {m.email} · {m.role === 'ADMIN' ? 'Admin' : 'Moderator'}
                </span>
              </span>
              {m.id !== meId && (
                <button
                  type="button"
                  onClick={() => revoke.mutate(m)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke ${m.role === 'ADMIN' ? 'admin' : 'moderator'} role of ${m.name}`}
                  className={BUTTON}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-grant`}>
        <h2 id={`${id}-grant`} className="font-semibold">
          Make someone a moderator
        </h2>
        <label htmlFor={`${id}-q`} className="mt-1 block text-sm">
          Find a person by name
        </label>
        <input
          ref={search}
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          autoComplete="off"
          className={`${INPUT} w-full`}
        />
        {found.isFetching && <Loading>Searching…</Loading>}
        {found.isError && (
          <LoadError error={found.error} what="people" onRetry={() => void found.refetch()} />
        )}
        {query && found.isSuccess && candidates.length === 0 && <Empty>Nobody else found.</Empty>}
        <ul aria-label="People found" className="mt-1">
          {candidates.map((u) => (
            <li key={u.id} className="flex items-center gap-3 py-1.5">
              <span className="min-w-0 flex-1 truncate">
                {u.name} <span className="text-sm text-slate-600 dark:text-slate-400">{u.email}</span>
              </span>
              <button
                type="button"
                onClick={() => grant.mutate(u)}
                disabled={grant.isPending}
                aria-label={`Make ${u.name} a moderator`}
                className={PRIMARY}
              >
                Make moderator
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
