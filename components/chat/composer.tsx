'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { browserSocket } from '@/lib/client/socket';
import { useDrafts } from '@/lib/client/store';
import { ReplyBar } from './reply-bar';
import type { WordCheck } from './use-word-check';
import { WordCheckPrompt } from './word-check-prompt';

const TYPING_REFRESH_MS = 2000;

/**
 * The message box: Enter sends, Shift+Enter breaks the line; typing is
 * announced, debounced. While replying, the quoted message shows above it;
 * a message the word filter held back asks about it above it too.
 */
export function Composer(props: {
  chatId: string;
  editing: { id: string; content: string } | null;
  replying: { id: string; name: string; snippet: string } | null;
  onSend(text: string): void;
  onEdit(id: string, text: string): void;
  onCancelEdit(): void;
  onCancelReply(): void;
  /** The last send or edit the word filter held back, until answered. */
  check: WordCheck | null;
  onCheckDone(): void;
}) {
  const { chatId, editing, replying } = props;
  const replyBarId = useId();
  const draft = useDrafts((s) => s.drafts[chatId] ?? '');
  const setDraft = useDrafts((s) => s.setDraft);
  const [edited, setEdited] = useState<{ id: string; text: string } | null>(null);
  const lastTyping = useRef(0);
  const box = useRef<HTMLTextAreaElement>(null);
  const text = editing ? (edited?.id === editing.id ? edited.text : editing.content) : draft;

  useEffect(() => {
    if (editing) box.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (replying) box.current?.focus();
  }, [replying?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const cancelReply = () => {
    props.onCancelReply();
    box.current?.focus();
  };

  const stopTyping = () => {
    if (lastTyping.current === 0) return;
    lastTyping.current = 0;
    browserSocket().emit('typing_indicator', { chatId, isTyping: false });
  };
  useEffect(() => stopTyping, [chatId]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (value: string) => {
    if (props.check?.kind === 'blocked') props.onCheckDone();
    if (editing) return setEdited({ id: editing.id, text: value });
    setDraft(chatId, value);
    if (!value) return stopTyping();
    if (Date.now() - lastTyping.current > TYPING_REFRESH_MS) {
      lastTyping.current = Date.now();
      browserSocket().emit('typing_indicator', { chatId, isTyping: true });
    }
  };

  const submit = () => {
    const value = text.trim();
    if (!value) return;
    props.onCheckDone();
    if (editing) {
      props.onEdit(editing.id, value);
      return;
    }
    props.onSend(value);
    setDraft(chatId, '');
    stopTyping();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && editing) {
      props.onCancelEdit();
    } else if (e.key === 'Escape' && replying) {
      cancelReply();
    }
  };

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="min-w-0 flex-1">
        <WordCheckPrompt
          check={props.check}
          onDone={props.onCheckDone}
          onBackToText={() => box.current?.focus()}
        />
        {replying && !editing && (
          <ReplyBar id={replyBarId} name={replying.name} snippet={replying.snippet} onCancel={cancelReply} />
        )}
        {editing && (
          <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">
            Editing your message ·{' '}
            <button type="button" className="underline" onClick={props.onCancelEdit}>
              Cancel
            </button>
          </p>
        )}
        <textarea
          ref={box}
          aria-label="Message"
          aria-describedby={replying && !editing ? replyBarId : undefined}
          rows={1}
          value={text}
          onChange={(e) => change(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={stopTyping}
          placeholder="Write a message"
          className="max-h-40 w-full resize-none rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
        />
      </div>
      <button
        type="submit"
        disabled={!text.trim()}
        className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {editing ? 'Save' : 'Send'}
      </button>
    </form>
  );
}
