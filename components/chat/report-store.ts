'use client';

import { create } from 'zustand';

/** Who and what a report is about: a person, optionally in a chat, optionally some of their messages. */
export interface ReportTarget {
  userId: string;
  /** Shown in the dialog's title. */
  name?: string;
  chatId?: string;
  messageIds?: string[];
}

interface ReportDialogState {
  target: ReportTarget | null;
  open(target: ReportTarget): void;
  close(): void;
}

/** The one report dialog of the chat app (report-dialog.tsx), opened from anywhere. */
export const useReportDialog = create<ReportDialogState>((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));

export const openReport = (target: ReportTarget) => useReportDialog.getState().open(target);
