'use client';

import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { planMediaMessages, recordingName } from '@/lib/client/media';
import { chatClient } from '@/lib/client/chat-client';
import { useDrafts, type PendingMessage } from '@/lib/client/store';
import { attachFiles, attachRecording, takeTray, useUploads } from '@/lib/client/uploads';
import { AttachmentTray } from './attachment-tray';
import { MicIcon, PaperclipIcon } from './icons';
import { useChatConfig } from './chat-config';
import { ReplyBar } from './reply-bar';
import { VoiceRecorder } from './voice-recorder';
import type { WordCheck } from './use-word-check';
import { WordCheckPrompt } from './word-check-prompt';
import { useMentionPicker } from './mention-picker';
import type { MentionDto } from '@/lib/chat/dto';
import type { Picked } from '@/lib/client/mentions';

const TYPING_REFRESH_MS = 2000;
const EMPTY: string[] = [];
const ICON_BUTTON =
  'shrink-0 rounded-lg px-2 py-2 text-lg leading-none text-slate-700 hover:bg-slate-100 disabled:opacity-60 dark:text-slate-300 dark:hover:bg-slate-800';

/** A message being edited; on a photo, file or voice message only its caption, which may be empty. */
export interface Editing {
  id: string;
  content: string;
  caption?: boolean;
}

export interface OutgoingMessage {
  content: string;
  media?: PendingMessage['media'];
  mentions?: MentionDto[];
}

/**
 * The message box: Enter sends, Shift+Enter breaks the line; typing is
 * announced, debounced. While replying, the quoted message shows above it;
 * a message the word filter held back asks about it above it too.
 * Photos and files come from the attach button, a drop or a paste, and
 * wait in the tray above the box (uploading already) with the text as
 * their caption; the microphone records a voice message in place of the box.
 * In a group, "@" opens a list of its members to mention (mention-picker.tsx).
 */
export function Composer(props: {
  chatId: string;
  /** A group's other members, whom "@" offers to mention; none in a direct chat. */
  members?: readonly Picked[];
  editing: Editing | null;
  replying: { id: string; name: string; snippet: string } | null;
  /** Several messages when photos and files go together: photos ten to a message, each file alone. */
  onSend(messages: OutgoingMessage[]): void;
  onEdit(target: Editing, text: string): void;
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
  const picker = useRef<HTMLInputElement>(null);
  const text = editing ? (edited?.id === editing.id ? edited.text : editing.content) : draft;
  const { uploadMaxBytes, voiceMaxMs } = useChatConfig();
  const trayIds = useUploads((s) => s.trays[chatId] ?? EMPTY);
  const trayFailed = useUploads((s) =>
    (s.trays[chatId] ?? EMPTY).some((id) => s.items[id]?.status === 'failed'),
  );
  const [attachError, setAttachError] = useState('');
  const [recording, setRecording] = useState(false);
  const [dragging, setDragging] = useState(false);
  const hasMedia = trayIds.length > 0 && !editing;
  // An edit keeps the mentions whose text stays put (the server's rule); new ones come with new messages.
  const mention = useMentionPicker({
    chatId,
    members: editing ? undefined : props.members,
    box,
    text,
    onText: (value) => change(value),
  });

  const attach = (files: File[]) => {
    if (files.length === 0) return;
    setAttachError(attachFiles(chatId, files, { maxBytes: uploadMaxBytes }).join(' '));
    box.current?.focus();
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    // A copied photo arrives as a file (often with its HTML beside it): the file wins.
    const files = [...e.clipboardData.files];
    if (files.length === 0 || editing) return;
    e.preventDefault();
    attach(files);
  };

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
    chatClient().socket.emit('typing_indicator', { chatId, isTyping: false });
  };
  useEffect(() => stopTyping, [chatId]); // eslint-disable-line react-hooks/exhaustive-deps

  const change = (value: string) => {
    if (props.check?.kind === 'blocked') props.onCheckDone();
    if (editing) return setEdited({ id: editing.id, text: value });
    setDraft(chatId, value);
    if (!value) return stopTyping();
    if (Date.now() - lastTyping.current > TYPING_REFRESH_MS) {
      lastTyping.current = Date.now();
      chatClient().socket.emit('typing_indicator', { chatId, isTyping: true });
    }
  };

  const submit = () => {
    const value = text.trim();
    if (editing) {
      if (!value && !editing.caption) return;
      props.onCheckDone();
      props.onEdit(editing, value);
      return;
    }
    if (!value && !hasMedia) return;
    if (trayFailed) {
      setAttachError('Retry or remove the files that failed, then send.');
      return;
    }
    props.onCheckDone();
    setAttachError('');
    const mentions = mention.take(value);
    if (hasMedia) {
      const plans = planMediaMessages(takeTray(chatId));
      props.onSend(
        plans.map((plan, i) => ({
          content: i === 0 ? value : '',
          media: { type: plan.type, itemIds: plan.itemIds },
          ...(i === 0 && mentions.length > 0 && { mentions }),
        })),
      );
    } else {
      props.onSend([{ content: value, ...(mentions.length > 0 && { mentions }) }]);
    }
    setDraft(chatId, '');
    stopTyping();
  };
  const sendRecording = (r: { blob: Blob; mime: string; durationMs: number }) => {
    const id = attachRecording(chatId, r.blob, recordingName(r.mime), r.durationMs);
    props.onSend([{ content: '', media: { type: 'VOICE', itemIds: [id] } }]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && editing) {
      props.onCancelEdit();
    } else if (e.key === 'Escape' && replying) {
      cancelReply();
    }
  };

  const canSend = editing
    ? Boolean(text.trim()) || Boolean(editing.caption)
    : Boolean(text.trim()) || hasMedia;
  return (
    <form
      className={`flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-700 ${dragging ? 'bg-blue-50 outline-2 outline-blue-700 outline-dashed dark:bg-slate-800' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (editing || recording || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        setDragging(false);
        if (editing || recording || e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        attach([...e.dataTransfer.files]);
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
            {editing.caption ? 'Editing the caption' : 'Editing your message'} ·{' '}
            <button type="button" className="underline" onClick={props.onCancelEdit}>
              Cancel
            </button>
          </p>
        )}
        {!editing && <AttachmentTray chatId={chatId} onRemoved={() => box.current?.focus()} />}
        <p role="alert" className="text-sm text-red-700 empty:hidden dark:text-red-400">
          {attachError}
        </p>
        {dragging && <p className="text-sm font-medium text-blue-800 dark:text-sky-300">Drop to attach</p>}
        {mention.list}
        <p role="status" className="sr-only">
          {mention.status}
        </p>
        {recording ? (
          <VoiceRecorder
            maxMs={voiceMaxMs}
            onSend={sendRecording}
            onClose={() => {
              setRecording(false);
              // After the recorder's buttons go away, focus is back in the box.
              requestAnimationFrame(() => box.current?.focus());
            }}
          />
        ) : (
          <textarea
            ref={box}
            aria-label="Message"
            aria-describedby={replying && !editing ? replyBarId : undefined}
            rows={1}
            value={text}
            {...mention.boxProps}
            onChange={(e) => {
              change(e.target.value);
              mention.track(e.target.value, e.target.selectionStart);
            }}
            onSelect={(e) => mention.track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={stopTyping}
            placeholder={hasMedia ? 'Add a caption' : editing?.caption ? 'Caption' : 'Write a message'}
            className="max-h-40 w-full resize-none rounded-lg border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-800"
          />
        )}
      </div>
      {!recording && !editing && (
        <>
          <button
            type="button"
            onClick={() => picker.current?.click()}
            aria-label="Attach photos or files"
            title="Attach photos or files (or drop or paste them here)"
            className={ICON_BUTTON}
          >
            <PaperclipIcon />
          </button>
          <input
            ref={picker}
            type="file"
            multiple
            tabIndex={-1}
            aria-hidden
            className="hidden"
            onChange={(e) => {
              attach([...(e.target.files ?? [])]);
              // The same file can be picked again after it was removed.
              e.target.value = '';
            }}
          />
        </>
      )}
      {!recording && !editing && (
        <button
          type="button"
          onClick={() => {
            stopTyping();
            setRecording(true);
          }}
          aria-label="Record a voice message"
          title="Record a voice message"
          className={ICON_BUTTON}
        >
          <MicIcon />
        </button>
      )}
      {!recording && (
        <button
          type="submit"
          disabled={!canSend}
          className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {editing ? 'Save' : 'Send'}
        </button>
      )}
    </form>
  );
}
