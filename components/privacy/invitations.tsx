'use client';

import { useAnswerInvitation, useInvitations } from './use-settings';

/** Group invitations waiting for an answer, above the chat list; nothing when there are none. */
export function Invitations({ onJoined }: { onJoined: (chatId: string) => void }) {
  const invitations = useInvitations();
  const answer = useAnswerInvitation();
  const list = invitations.data ?? [];
  if (list.length === 0) return null;
  return (
    <section
      aria-labelledby="invitations-heading"
      className="space-y-2 border-b border-slate-200 p-3 dark:border-slate-700"
    >
      <h2 id="invitations-heading" className="text-sm font-semibold">
        Group invitations
      </h2>
      {answer.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {answer.error.message}
        </p>
      )}
      <ul className="space-y-2">
        {list.map((invitation) => {
          const group = invitation.chat.name ?? 'a group';
          return (
            <li key={invitation.id} className="text-sm">
              <p>
                <strong>{invitation.inviter?.name ?? 'Someone'}</strong> invited you to{' '}
                <strong>{group}</strong> ({invitation.chat.participantCount} members)
              </p>
              <div className="mt-1 flex gap-2">
                <button
                  type="button"
                  disabled={answer.isPending}
                  onClick={() =>
                    answer.mutate(
                      { id: invitation.id, accept: true },
                      { onSuccess: () => onJoined(invitation.chat.id) },
                    )
                  }
                  className="rounded-lg bg-blue-700 px-2 py-1 font-medium text-white"
                  aria-label={`Join ${group}`}
                >
                  Join
                </button>
                <button
                  type="button"
                  disabled={answer.isPending}
                  onClick={() => answer.mutate({ id: invitation.id, accept: false })}
                  className="rounded-lg border border-slate-300 px-2 py-1 dark:border-slate-600"
                  aria-label={`Decline the invitation to ${group}`}
                >
                  Decline
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
