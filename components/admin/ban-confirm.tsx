'use client';

import { useRef } from 'react';
import { closeModal, Modal } from '../ui/modal';
import { BUTTON, DANGER } from './states';

/** A modal "are you sure": Cancel has focus, Escape cancels, and focus returns to the form after. */
export function BanConfirm(props: { name: string; onCancel(): void; onConfirm(): void }) {
  const confirmed = useRef(false);
  return (
    <Modal
      labelledBy="ban-title"
      describedBy="ban-text"
      size="md"
      dismiss={null}
      onClose={() => (confirmed.current ? props.onConfirm() : props.onCancel())}
    >
      <h2 id="ban-title" className="text-lg font-semibold">
        Ban {props.name}?
      </h2>
      <p id="ban-text" className="mt-2 text-sm">
        They are signed out everywhere at once and cannot sign in again until the ban is lifted.
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" autoFocus onClick={closeModal} className={BUTTON}>
          Cancel
        </button>
        <button
          type="button"
          onClick={(e) => {
            confirmed.current = true;
            closeModal(e);
          }}
          className={DANGER}
        >
          Ban {props.name}
        </button>
      </div>
    </Modal>
  );
}
