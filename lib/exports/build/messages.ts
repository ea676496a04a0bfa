// A chat's messages as one person may export them: what they see in its
// history (their own deletions for themselves left out, deleted messages as
// tombstones), and for a chat they left, what was sent while they were in
// it. Media goes in when its bytes may be read by them now
// (lib/media/can-read-upload.ts): so a chat they left exports as text.
import path from 'node:path';
import type { AttachmentDto } from '../../chat/dto';
import { notHiddenFrom } from '../../chat/store/hidden';
import { empty, sql } from '../../chat/store/sql';
import { db } from '../../db';
import { canReadUpload, type UploadAccessRow } from '../../media/can-read-upload';

const PAGE = 500;

export interface ExportAttachment {
  id: string;
  kind: AttachmentDto['kind'];
  name: string;
  mime: string;
  size: number;
  /** Its path in the zip, or null when it is not included. */
  file: string | null;
}

/** One line of a chat's messages.jsonl. */
export interface ExportMessage {
  id: string;
  seq: number;
  sender: { id: string; name: string } | null;
  type: string;
  content: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  deletedAt: string | null;
  replyToId: string | null;
  forwarded: boolean;
  attachments: ExportAttachment[];
}

export interface MediaFile {
  file: string;
  storageKey: string;
  mime: string;
}

export interface ChatView {
  chatId: string;
  userId: string;
  /** When they left: nothing sent after is theirs to export. */
  leftAt: Date | null;
  includeMedia: boolean;
}

interface Row {
  id: string;
  seq: number;
  senderId: string | null;
  senderName: string | null;
  type: string;
  content: string;
  attachments: unknown;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  replyToId: string | null;
  forwarded: boolean;
}

/** Pages of the chat's messages in order, with `media` filled with the files they include. */
export async function* messagePages(
  view: ChatView,
  media: Map<string, MediaFile>,
): AsyncGenerator<{ messages: ExportMessage[]; lastSeq: number }> {
  let after = 0;
  for (;;) {
    const until = view.leftAt ? sql`AND m."createdAt" <= ${view.leftAt}` : empty;
    const rows = await db().$queryRaw<Row[]>`
      SELECT m.id, m.seq, m."senderId", u.name AS "senderName", m.type::text AS type, m.content,
             m.attachments, m."createdAt", m."editedAt", m."deletedAt", m."replyToId", m.forwarded
      FROM "ChatMessage" m LEFT JOIN "User" u ON u.id = m."senderId"
      WHERE m."chatId" = ${view.chatId}::uuid AND m.seq > ${after} ${until}
        ${notHiddenFrom(view.userId, sql`m.id`)}
      ORDER BY m.seq LIMIT ${PAGE}`;
    if (rows.length === 0) return;
    const readable = view.includeMedia ? await readableUploads(view.userId, rows) : new Map<string, string>();
    const messages = rows.map((row) => toExportMessage(row, readable, media));
    after = rows.at(-1)!.seq;
    yield { messages, lastSeq: after };
    if (rows.length < PAGE) return;
  }
}

function toExportMessage(
  row: Row,
  readable: Map<string, string>,
  media: Map<string, MediaFile>,
): ExportMessage {
  const deleted = row.deletedAt !== null;
  const attachments = deleted ? [] : ((row.attachments as AttachmentDto[] | null) ?? []);
  return {
    id: row.id,
    seq: row.seq,
    sender: row.senderId ? { id: row.senderId, name: row.senderName ?? '' } : null,
    type: row.type,
    // A tombstone carries nothing of what was deleted.
    content: deleted ? '' : row.content,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    replyToId: row.replyToId,
    forwarded: row.forwarded,
    attachments: attachments.map((a) => {
      const storageKey = readable.get(a.id);
      const file = storageKey ? `media/${a.id}${extensionOf(a.name)}` : null;
      if (file && storageKey) media.set(file, { file, storageKey, mime: a.mime });
      return { id: a.id, kind: a.kind, name: a.name, mime: a.mime, size: a.size, file };
    }),
  };
}

/** Upload id → storage key, for the page's attachments this person may read. */
async function readableUploads(userId: string, rows: Row[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) =>
    r.deletedAt ? [] : ((r.attachments as AttachmentDto[] | null) ?? []).map((a) => a.id),
  );
  const readable = new Map<string, string>();
  if (ids.length === 0) return readable;
  const uploads = await db().$queryRaw<Array<UploadAccessRow & { storageKey: string }>>`
    SELECT id, "uploaderId", "chatId", purpose::text AS purpose, "messageId", "deletedAt", "purgedAt", "storageKey"
    FROM "Upload" WHERE id = ANY(${ids}::uuid[])`;
  for (const upload of uploads) {
    if (await canReadUpload(userId, upload)) readable.set(upload.id, upload.storageKey);
  }
  return readable;
}

/** The file name's extension when it is a plain one; the name itself stays out of the path. */
function extensionOf(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}
