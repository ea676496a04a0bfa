'use client';

import type { LinkPreviewDto, MentionDto, MessageDto, ParticipantDto } from '@/lib/chat/dto';
import { linkify, timeOf } from '@/lib/client/format';
import { splitMentions } from '@/lib/client/mentions';

const dateTimeOf = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export type Tick = 'pending' | 'failed' | 'sent' | 'delivered' | 'read';

const TICK_LABEL: Record<Tick, string> = {
  pending: 'Sending…',
  failed: 'Not sent',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
};
const TICK_MARK: Record<Tick, string> = {
  pending: '🕓',
  failed: '!',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
};

/** My message's state, from the other participants' watermarks. */
export function tickOf(m: MessageDto, others: ParticipantDto[]): Tick {
  if (others.length > 0 && others.every((p) => p.lastReadSeq >= m.seq)) return 'read';
  if (others.length > 0 && others.every((p) => p.lastDeliveredSeq >= m.seq || p.lastReadSeq >= m.seq)) {
    return 'delivered';
  }
  return 'sent';
}

/** Plain text where only http(s) links become anchors. */
function Linked({ text }: { text: string }) {
  return linkify(text).map((part, i) =>
    part.href ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow" className="underline">
        {part.text}
      </a>
    ) : (
      <span key={i}>{part.text}</span>
    ),
  );
}

/**
 * User text is rendered as text; only http(s) links become anchors, and the
 * stored mention ranges are marked, strongly where they mention me.
 */
export function MessageText(props: { content: string; mentions?: readonly MentionDto[]; meId?: string }) {
  return (
    <p className="break-words whitespace-pre-wrap">
      {splitMentions(props.content, props.mentions ?? []).map((seg, i) =>
        seg.userId === undefined ? (
          <Linked key={i} text={seg.text} />
        ) : seg.userId === props.meId ? (
          <mark
            key={i}
            data-mention="me"
            title="Mentions you"
            className="rounded bg-amber-200 px-0.5 font-semibold text-slate-900"
          >
            {seg.text}
          </mark>
        ) : (
          <strong key={i} data-mention={seg.userId} className="font-semibold">
            {seg.text}
          </strong>
        ),
      )}
    </p>
  );
}

export function MessageBubble(props: {
  message: Pick<MessageDto, 'id' | 'content' | 'createdAt' | 'editedAt' | 'deletedAt' | 'type'> &
    Partial<Pick<MessageDto, 'expiresAt' | 'forwarded'>> & {
      linkPreview?: LinkPreviewDto | null;
    };
  /** Ranges of content that mention people, and who I am, to mark mine. */
  mentions?: readonly MentionDto[];
  meId?: string;
  mine: boolean;
  senderName: string | null;
  tick?: Tick;
  /** Who has read it, comma-separated. */
  readBy?: string;
  onRetry?: () => void;
  /** A failed message of mine: give up on it. */
  onDiscard?: () => void;
  /** The message's actions button (MessageMenu), beside the bubble. */
  menu?: React.ReactNode;
  /** The "Add reaction" button (ReactionPicker), beside the menu. */
  react?: React.ReactNode;
  /** What this message replies to (ReplyQuote), above its text. */
  quote?: React.ReactNode;
  /** Its photos, file or voice message (MessageMedia), above the caption. */
  media?: React.ReactNode;
}) {
  const { message: m, mine } = props;
  if (m.type === 'SYSTEM') {
    return <p className="my-2 text-center text-xs text-slate-600 dark:text-slate-400">{m.content}</p>;
  }
  return (
    <div className={`group flex items-center gap-1 ${mine ? 'justify-end' : 'justify-start'}`}>
      {mine && props.react}
      {mine && props.menu}
      <div
        className={`max-w-[80%] rounded-2xl px-3 py-1.5 ${mine ? 'bg-blue-700 text-white' : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`}
      >
        {props.senderName && <p className="text-xs font-semibold opacity-80">{props.senderName}</p>}
        {m.forwarded && !m.deletedAt && <p className="text-xs italic opacity-80">Forwarded</p>}
        {props.quote}
        {m.deletedAt ? (
          <p className="italic opacity-80">This message was deleted</p>
        ) : (
          <>
            {props.media}
            {(m.type === 'TEXT' || m.content) && (
              <MessageText content={m.content} mentions={props.mentions} meId={props.meId} />
            )}
            {m.linkPreview && <LinkPreviewCard preview={m.linkPreview} />}
          </>
        )}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-[11px] opacity-80">
          {m.editedAt && !m.deletedAt && <span>edited</span>}
          {m.expiresAt && !m.deletedAt && (
            <span
              role="img"
              aria-label={`Disappears ${dateTimeOf(m.expiresAt)}`}
              title={`Disappears ${dateTimeOf(m.expiresAt)}`}
            >
              ⏱
            </span>
          )}
          <time dateTime={m.createdAt}>{timeOf(m.createdAt)}</time>
          {props.tick && (
            <span
              aria-label={TICK_LABEL[props.tick]}
              title={props.readBy ? `Read by ${props.readBy}` : TICK_LABEL[props.tick]}
              className={props.tick === 'read' ? 'font-bold text-sky-200' : ''}
              data-tick={props.tick}
            >
              {TICK_MARK[props.tick]}
            </span>
          )}
        </p>
        {props.tick === 'failed' && (props.onRetry || props.onDiscard) && (
          <span className="flex gap-3">
            {props.onRetry && (
              <button type="button" onClick={props.onRetry} className="text-xs font-semibold underline">
                Retry
              </button>
            )}
            {props.onDiscard && (
              <button type="button" onClick={props.onDiscard} className="text-xs font-semibold underline">
                Discard
              </button>
            )}
          </span>
        )}
      </div>
      {!mine && props.react}
      {!mine && props.menu}
    </div>
  );
}

/** The page a link points to, as the server fetched it once: text only, no image from the site. */
function LinkPreviewCard({ preview }: { preview: LinkPreviewDto }) {
  const host = (() => {
    try {
      return new URL(preview.url).hostname;
    } catch {
      return preview.url;
    }
  })();
  return (
    <a
      href={preview.url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      data-testid="link-preview"
      className="my-1 block rounded-lg border-l-4 border-current bg-black/5 px-2 py-1 text-sm no-underline dark:bg-white/10"
    >
      <span className="block text-xs opacity-80">{preview.siteName ?? host}</span>
      {preview.title && <span className="block font-semibold">{preview.title}</span>}
      {preview.description && <span className="line-clamp-3 block">{preview.description}</span>}
    </a>
  );
}
