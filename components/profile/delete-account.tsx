'use client';

import { unwrap } from '@chat/sdk';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { chatClient } from '@/lib/client/chat-client';
import { errorMessage } from '@/lib/client/rest';
import { disablePush } from '../notifications/push-device';
import { closeModal, Modal } from '../ui/modal';

const DANGER = 'rounded-lg bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60';
const BUTTON =
  'rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800';

/**
 * "Delete account": what happens and when, then a dialog that asks for the
 * password. Once deleted, this browser is signed out.
 */
export function DeleteAccountSection({ graceDays }: { graceDays: number }) {
  const router = useRouter();
  const ids = useId();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const within = graceDays === 0 ? 'shortly' : `after ${graceDays} day${graceDays === 1 ? '' : 's'}`;

  const confirm = async () => {
    setError('');
    setBusy(true);
    try {
      unwrap(await chatClient().rest.DELETE('/api/v1/users/me', { body: { password } }));
    } catch (e) {
      setError(errorMessage(e, 'Your account could not be deleted. Try again.'));
      setBusy(false);
      return;
    }
    // The server has ended every session already; this clears the cookie and this browser's push.
    await disablePush().catch(() => {});
    const { signOut } = await import('next-auth/react');
    await signOut({ redirect: false }).catch(() => {});
    router.replace('/sign-in?deleted=1');
    router.refresh();
  };

  return (
    <section
      aria-labelledby={`${ids}-title`}
      className="border-t border-slate-200 pt-6 dark:border-slate-700"
    >
      <h2 id={`${ids}-title`} className="mb-2 text-lg font-semibold">
        Delete account
      </h2>
      <p className="text-sm">
        You are signed out everywhere at once and nobody can reach the account. It is erased {within}: your
        profile, photo, settings and media go, and the messages you sent stay in others’ chats as “Deleted
        account” with their content removed. Signing in before then cancels the deletion.
      </p>
      <button type="button" className={`${DANGER} mt-3`} onClick={() => setConfirming(true)}>
        Delete account…
      </button>
      {confirming && (
        <Modal
          labelledBy={`${ids}-confirm`}
          size="md"
          dismiss={null}
          onClose={() => {
            setConfirming(false);
            setPassword('');
            setError('');
          }}
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <h2 id={`${ids}-confirm`} className="text-lg font-semibold">
              Delete your account?
            </h2>
            <p className="mt-2 text-sm">
              Enter your password to confirm. The account is erased {within} unless you sign in again before.
            </p>
            <label htmlFor={`${ids}-password`} className="mt-3 mb-1 block font-medium">
              Password
            </label>
            <input
              id={`${ids}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="w-full rounded-lg border border-slate-400 bg-white px-3 py-1.5 dark:border-slate-500 dark:bg-slate-800"
            />
            <p role="alert" className="mt-2 text-sm text-red-700 empty:hidden dark:text-red-400">
              {error}
            </p>
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={closeModal} className={BUTTON}>
                Cancel
              </button>
              <button type="submit" disabled={busy || password === ''} className={DANGER}>
                {busy ? 'Deleting…' : 'Delete my account'}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </section>
  );
}
