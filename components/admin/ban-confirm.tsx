'use client';

import { useEffect, useRef } from 'react';
import { BUTTON, DANGER } from './states';

/** A modal "are you sure": Cancel has focus, Escape cancels, and focus returns to the form after. */
export function BanConfirm(props: { name: string; onCancel(): void; onConfirm(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef(false);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="ban-title"
      aria-describedby="ban-text"
      onClose={() => (confirmed.current ? props.onConfirm() : props.onCancel())}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="ban-title" className="text-lg font-semibold">
        Ban {props.name}?
      </h2>
      <p id="ban-text" className="mt-2 text-sm">
        They are signed out everywhere at once and cannot sign in again until the ban is lifted.
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" autoFocus onClick={() => dialog.current?.close()} className={BUTTON}>
          Cancel
        </button>
        <button
          type="button"
          onClick={() => {
            confirmed.current = true;
            dialog.current?.close();
          }}
          className={DANGER}
        >
          Ban {props.name}
        </button>
      </div>
    </dialog>
  );
}
