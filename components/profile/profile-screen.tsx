'use client';

import { unwrap } from '@chat/sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { errorMessage } from '@/lib/client/rest';
import type { AccountUser } from '@/lib/users/dto';
import { BIO_MAX, PRONOUNS_MAX } from '@/lib/validations/users';
import { AvatarEditor } from '../chat/avatar-editor';
import { ME_KEY } from '../chat/profile-photo-dialog';
import { SettingsPage } from '../settings/settings-page';
import { DeleteAccountSection } from './delete-account';

export function ProfileScreen({ graceDays }: { graceDays: number }) {
  return (
    <SettingsPage title="Your profile">
      <Profile graceDays={graceDays} />
    </SettingsPage>
  );
}

function Profile({ graceDays }: { graceDays: number }) {
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => unwrap(await chatClient().rest.GET('/api/v1/users/me')),
  });
  const user = me.data?.user;
  return (
    <>
      {me.isLoading && <p>Loading…</p>}
      {me.isError && <p role="alert">Your profile could not be loaded. Reload the page to try again.</p>}
      {user && <ProfileForm key={user.id} user={user} />}
      {user && <PhotoSection user={user} />}
      {user && <DeleteAccountSection graceDays={graceDays} />}
    </>
  );
}

const chars = (s: string) => [...s].length;

/** Name, pronouns and bio: plain text that everyone you chat with sees on your profile card. */
function ProfileForm({ user }: { user: AccountUser }) {
  const qc = useQueryClient();
  const ids = useId();
  const [name, setName] = useState(user.name);
  const [pronouns, setPronouns] = useState(user.pronouns ?? '');
  const [bio, setBio] = useState(user.bio ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState('');
  const tooLong = chars(bio) > BIO_MAX || chars(pronouns) > PRONOUNS_MAX;

  const save = async () => {
    setError('');
    setState('saving');
    try {
      const res = unwrap(
        await chatClient().rest.PATCH('/api/v1/users/me', { body: { name, pronouns, bio } }),
      );
      qc.setQueryData(ME_KEY, res);
      setState('saved');
    } catch (e) {
      setError(errorMessage(e, 'Your profile could not be saved. Try again.'));
      setState('idle');
    }
  };

  const field =
    'w-full rounded-lg border border-slate-400 bg-white px-3 py-1.5 dark:border-slate-500 dark:bg-slate-800';
  return (
    <form
      className="space-y-4"
      aria-label="Profile"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div>
        <label htmlFor={`${ids}-name`} className="mb-1 block font-medium">
          Display name
        </label>
        <input
          id={`${ids}-name`}
          value={name}
          required
          maxLength={80}
          onChange={(e) => {
            setName(e.target.value);
            setState('idle');
          }}
          className={field}
        />
      </div>
      <div>
        <label htmlFor={`${ids}-pronouns`} className="mb-1 block font-medium">
          Pronouns
        </label>
        <input
          id={`${ids}-pronouns`}
          value={pronouns}
          placeholder="e.g. she/her"
          aria-describedby={`${ids}-pronouns-count`}
          onChange={(e) => {
            setPronouns(e.target.value);
            setState('idle');
          }}
          className={field}
        />
        <p id={`${ids}-pronouns-count`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {chars(pronouns)} / {PRONOUNS_MAX}
        </p>
      </div>
      <div>
        <label htmlFor={`${ids}-bio`} className="mb-1 block font-medium">
          Bio
        </label>
        <textarea
          id={`${ids}-bio`}
          value={bio}
          rows={3}
          aria-describedby={`${ids}-bio-count`}
          onChange={(e) => {
            setBio(e.target.value);
            setState('idle');
          }}
          className={field}
        />
        <p id={`${ids}-bio-count`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {chars(bio)} / {BIO_MAX}
        </p>
      </div>
      <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-400">
        {error || (tooLong ? 'Shorten the fields over their limit.' : '')}
      </p>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={state === 'saving' || tooLong || name.trim() === ''}
          className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {state === 'saving' ? 'Saving…' : 'Save profile'}
        </button>
        <p role="status" className="text-sm text-green-800 dark:text-green-400">
          {state === 'saved' ? 'Saved.' : ''}
        </p>
      </div>
    </form>
  );
}

function PhotoSection({ user }: { user: AccountUser }) {
  const qc = useQueryClient();
  const setPhoto = async (avatarUploadId: string | null) => {
    const res = unwrap(await chatClient().rest.PATCH('/api/v1/users/me', { body: { avatarUploadId } }));
    qc.setQueryData(ME_KEY, res);
  };
  return (
    <section aria-labelledby="photo-title">
      <h2 id="photo-title" className="mb-2 text-lg font-semibold">
        Photo
      </h2>
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
    </section>
  );
}
