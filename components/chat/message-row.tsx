'use client';

import { memo, useState } from 'react';
import type { MessageDto, ParticipantDto } from '@/lib/chat/dto';
import { sameRow, type MessageRow } from '@/lib/client/message-rows';
import type { PendingMessage } from '@/lib/client/store';
import { MessageBubble, tickOf, type Tick } from './message-bubble';
import { MessageMedia, PendingMedia } from './message-media';
import { MessageMenu } from './message-menu';
import { ReactionChips } from './reaction-chips';
import { ReactionPicker } from './reaction-picker';
import { ReplyQuote } from './reply-quote';

/** What a message's controls do. The thread keeps these the same functions while the chat is open. */
export interface MessageActions {
  onReply(m: MessageDto): void;
  onEdit(m: MessageDto): void;
  onDelete(m: MessageDto): void;
  /** Delete for me. */
  onHide(m: MessageDto): void;
  onForward(m: MessageDto): void;
  /** Someone else's message: report it (and its sender) to the moderators. */
  onReport(m: MessageDto): void;
  onRetry(p: PendingMessage): void;
  /** A message of mine still uploading, queued or failed: give up on it. */
  onCancelPending(p: PendingMessage): void;
  /** A quote was pressed: bring its original into view. */
  onJump(original: MessageDto): void;
  /** Add my reaction with this emoji, or take it back if it is there. */
  onReact(m: MessageDto, emoji: string): void;
}

/** What the thread knows that its rows show. */
export interface ThreadFacts {
  meId: string;
  group: boolean;
  /** Admins and moderators of a group may delete anyone's message. */
  moderates: boolean;
  names: Map<string, string>;
  others: ParticipantDto[];
  /** The loaded messages: the originals that quotes show. */
  byId: Map<string, MessageDto>;
  /** Whether I block this person. */
  blocks(userId: string): boolean;
  /** Whether a text holds one of my hidden words (matched here, never by the server). */
  hides(text: string): boolean;
}

/** Why a message waits behind a tap, as the collapsed row says it. */
const HIDDEN_BECAUSE = {
  blocked: 'Message from someone you blocked.',
  word: 'Hidden because it contains a word you hid.',
} as const;

/**
 * What one row shows of the thread's facts, as values that stay equal while
 * what is on screen stays the same: a receipt re-renders only the messages
 * whose ticks it changes, a deletion only the quotes of the deleted message.
 */
export function rowView(row: MessageRow, facts: ThreadFacts) {
  if (row.kind === 'pending') {
    return {
      mine: true,
      senderName: null,
      tick: (row.pending.failed ? 'failed' : 'pending') as Tick,
      readBy: '',
      original: row.pending.replyToId ? facts.byId.get(row.pending.replyToId) : undefined,
      canDelete: false,
      hidden: null,
      bothers: false,
      direct: !facts.group,
      meId: facts.meId,
    };
  }
  const m = row.message;
  const mine = m.senderId === facts.meId;
  return {
    mine,
    senderName:
      facts.group && !mine && row.startsRun ? (facts.names.get(m.senderId ?? '') ?? 'Someone') : null,
    tick: mine ? tickOf(m, facts.others) : undefined,
    readBy: mine
      ? facts.others
          .filter((p) => p.lastReadSeq >= m.seq)
          .map((p) => p.name)
          .join(', ')
      : '',
    original: m.replyToId ? facts.byId.get(m.replyToId) : undefined,
    canDelete: mine || facts.moderates,
    // In a group, someone I block stays a member: their messages wait behind a tap.
    hidden:
      facts.group && !mine && m.senderId !== null && facts.blocks(m.senderId)
        ? ('blocked' as const)
        : !mine && m.type !== 'SYSTEM' && !m.deletedAt && facts.hides(m.content)
          ? ('word' as const)
          : null,
    // It holds a word the platform flags: its receivers get a one-tap Report.
    bothers: !mine && m.flagged && !m.deletedAt && m.senderId !== null,
    direct: !facts.group,
    meId: facts.meId,
  };
}

type RowProps = ReturnType<typeof rowView> & {
  row: MessageRow;
  active: boolean;
  highlight: boolean;
  nameOf(senderId: string | null): string;
  actions: MessageActions;
};

/**
 * One message with the headings above it. The message element is what the
 * arrow keys move between; the controls inside it (links, Retry, a menu)
 * keep their own keys.
 */
function Row(props: RowProps) {
  const { row, mine, actions } = props;
  const [shown, setShown] = useState(false);
  const m = row.message;
  const reactable = row.kind === 'message' && !row.message.deletedAt && row.message.type !== 'SYSTEM';
  const mineReacted = new Set(
    row.kind === 'message'
      ? row.message.reactions.filter((r) => r.userIds.includes(props.meId)).map((r) => r.emoji)
      : [],
  );
  const replyToId = row.kind === 'message' ? row.message.replyToId : row.pending.replyToId;
  const quote = replyToId && (
    <ReplyQuote
      replyToId={replyToId}
      original={props.original}
      mine={mine}
      nameOf={props.nameOf}
      onJump={actions.onJump}
    />
  );
  return (
    <>
      {row.kind === 'message' && row.day && (
        <p className="py-2 text-center text-xs font-medium text-slate-600 dark:text-slate-400">{row.day}</p>
      )}
      {row.kind === 'message' && row.firstUnread && (
        <p className="my-2 border-t border-blue-700 text-center text-xs font-semibold text-blue-700 dark:text-blue-400">
          New messages
        </p>
      )}
      <div
        data-message-id={m.id}
        tabIndex={props.active ? 0 : -1}
        data-highlight={props.highlight || undefined}
        className="rounded-2xl p-0.5 data-[highlight=true]:ring-4 data-[highlight=true]:ring-yellow-400"
      >
        {props.hidden && !shown ? (
          <button
            type="button"
            onClick={() => setShown(true)}
            className="rounded-2xl border border-dashed border-slate-300 px-3 py-2 text-left text-sm text-slate-600 dark:border-slate-600 dark:text-slate-400"
          >
            {HIDDEN_BECAUSE[props.hidden]} <span className="underline">Show</span>
          </button>
        ) : row.kind === 'message' ? (
          <MessageBubble
            message={row.message}
            mentions={row.message.mentions}
            meId={props.meId}
            mine={mine}
            senderName={props.senderName}
            tick={props.tick}
            readBy={props.readBy}
            quote={quote}
            media={
              row.message.type !== 'TEXT' && (
                <MessageMedia
                  message={row.message}
                  mine={mine}
                  direct={props.direct}
                  from={props.nameOf(row.message.senderId)}
                />
              )
            }
            react={
              reactable && (
                <ReactionPicker mine={mineReacted} onPick={(e) => actions.onReact(row.message, e)} />
              )
            }
            menu={
              !row.message.deletedAt && (
                <MessageMenu
                  message={row.message}
                  canEdit={mine}
                  canDelete={props.canDelete}
                  onReply={() => actions.onReply(row.message)}
                  onEdit={() => actions.onEdit(row.message)}
                  onDelete={() => actions.onDelete(row.message)}
                  onHide={() => actions.onHide(row.message)}
                  onForward={row.message.type === 'SYSTEM' ? undefined : () => actions.onForward(row.message)}
                  onReport={
                    mine || row.message.type === 'SYSTEM' || !row.message.senderId
                      ? undefined
                      : () => actions.onReport(row.message)
                  }
                />
              )
            }
          />
        ) : (
          <MessageBubble
            message={m}
            mentions={row.pending.mentions}
            meId={props.meId}
            mine
            senderName={null}
            tick={props.tick}
            quote={quote}
            media={
              row.pending.media && (
                <PendingMedia pending={row.pending} onCancel={() => actions.onCancelPending(row.pending)} />
              )
            }
            onRetry={() => actions.onRetry(row.pending)}
            onDiscard={() => actions.onCancelPending(row.pending)}
          />
        )}
        {reactable && (!props.hidden || shown) && (
          <ReactionChips
            reactions={row.message.reactions}
            mine={mine}
            meId={props.meId}
            nameOf={props.nameOf}
            onToggle={(e) => actions.onReact(row.message, e)}
          />
        )}
        {props.bothers && row.kind === 'message' && (!props.hidden || shown) && (
          <p className="mt-1 flex items-center gap-2 pl-2 text-xs text-slate-600 dark:text-slate-400">
            Does this bother you?
            <button
              type="button"
              aria-label="Report this message"
              onClick={() => actions.onReport(row.message)}
              className="rounded-full border border-slate-400 px-2 py-0.5 font-semibold text-red-700 hover:bg-red-50 dark:border-slate-500 dark:text-red-300 dark:hover:bg-slate-800"
            >
              Report
            </button>
          </p>
        )}
      </div>
    </>
  );
}

/**
 * The list re-renders on every scroll frame; a row only when what it shows
 * changed. Every prop but the row is a value or keeps its identity until
 * what it carries changes, so all of them are compared, not a chosen few.
 */
function sameProps({ row: a, ...before }: RowProps, { row: b, ...after }: RowProps): boolean {
  const keys = Object.keys(before) as (keyof typeof before)[];
  return (
    sameRow(a, b) &&
    keys.length === Object.keys(after).length &&
    keys.every((k) => Object.is(before[k], after[k]))
  );
}

export const MessageRowView = memo(Row, sameProps);
