'use client';

import type { MessageDto, ParticipantDto } from '@/lib/chat/dto';
import type { MessageRow } from '@/lib/client/message-rows';
import type { PendingMessage } from '@/lib/client/store';
import { MessageBubble, tickOf } from './message-bubble';

export interface RowContext {
  meId: string;
  group: boolean;
  names: Map<string, string>;
  others: ParticipantDto[];
  renderQuote(replyToId: string | null, mine: boolean): React.ReactNode;
  renderMenu(m: MessageDto): React.ReactNode;
  onRetry(p: PendingMessage): void;
}

/**
 * One message with the headings above it. The message element is what the
 * arrow keys move between; the controls inside it (links, Retry, a menu)
 * keep their own keys.
 */
export function MessageRowView(props: {
  row: MessageRow;
  active: boolean;
  highlight: boolean;
  ctx: RowContext;
}) {
  const { row, ctx } = props;
  const m = row.message;
  const mine = row.kind === 'pending' || row.message.senderId === ctx.meId;
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
        {row.kind === 'message' ? (
          <MessageBubble
            message={row.message}
            mine={mine}
            senderName={
              ctx.group && !mine && row.startsRun
                ? (ctx.names.get(row.message.senderId ?? '') ?? 'Someone')
                : null
            }
            tick={mine ? tickOf(row.message, ctx.others) : undefined}
            readBy={
              mine ? ctx.others.filter((p) => p.lastReadSeq >= row.message.seq).map((p) => p.name) : undefined
            }
            quote={ctx.renderQuote(row.message.replyToId, mine)}
            menu={ctx.renderMenu(row.message)}
          />
        ) : (
          <MessageBubble
            message={m}
            mine
            senderName={null}
            tick={row.pending.failed ? 'failed' : 'pending'}
            quote={ctx.renderQuote(row.pending.replyToId, true)}
            onRetry={() => ctx.onRetry(row.pending)}
          />
        )}
      </div>
    </>
  );
}
