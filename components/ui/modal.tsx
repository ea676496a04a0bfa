'use client';

import { useEffect, useRef, type ReactNode, type SyntheticEvent } from 'react';

const WIDTH = {
  sm: 'w-[min(24rem,calc(100vw-2rem))]',
  md: 'w-[min(26rem,calc(100vw-2rem))]',
  lg: 'w-[min(28rem,calc(100vw-2rem))]',
} as const;

export interface ModalProps {
  /** The id of the heading that names it. */
  labelledBy: string;
  /** The id of the text read out with the name, if any. */
  describedBy?: string;
  /** Runs once it has closed, however it closed (Escape, its button, `close`). */
  onClose(): void;
  size?: keyof typeof WIDTH;
  /** The label of the button at the bottom that closes it; null where the content has its own. */
  dismiss?: string | null;
  children: ReactNode;
}

/**
 * The app's modal dialog: a native <dialog> opened on mount, so the browser
 * traps focus, closes it on Escape and gives focus back when it closes.
 */
export function Modal({
  labelledBy,
  describedBy,
  onClose,
  size = 'lg',
  dismiss = 'Close',
  children,
}: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    d?.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={`m-auto ${WIDTH[size]} rounded-xl bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100`}
    >
      {children}
      {dismiss && (
        <div className="mt-2 flex justify-end">
          <button type="button" onClick={closeModal} className="rounded-lg px-3 py-1.5 text-sm underline">
            {dismiss}
          </button>
        </div>
      )}
    </dialog>
  );
}

/** Closes the modal around the element an event came from: for a button in it whose action ends it. */
export function closeModal(event: SyntheticEvent): void {
  event.currentTarget.closest('dialog')?.close();
}
