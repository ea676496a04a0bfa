// A report's evidence: a copy of the reported messages and of the chat
// around them, taken in the transaction that files the report, so nothing
// either person edits, deletes or closes afterwards changes it. Its hash is
// taken over canonical JSON (RFC 8785: keys sorted, no spaces), so anyone can
// check a stored copy with `sha256(canonicalJson({ messages, chatId, frozenAt }))`.
import { createHash } from 'node:crypto';
import type { AttachmentDto, MessageType } from '../chat/dto';
import type { DbClient } from '../chat/store/sql';
import type { EvidenceMessage } from './dto';

export interface Evidence {
  messages: EvidenceMessage[];
  chatId: string | null;
  frozenAt: string;
}

/** How many messages of the chat, up to the latest reported one, the evidence keeps. */
export const EVIDENCE_CONTEXT = 50;

/** JSON with object keys sorted by UTF-16 code units and no whitespace (RFC 8785 for JSON data). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function evidenceSha256(evidence: Evidence): string {
  return createHash('sha256').update(canonicalJson(evidence)).digest('hex');
}

interface EvidenceRow {
  id: string;
  seq: number;
  senderId: string | null;
  senderName: string | null;
  type: MessageType;
  content: string;
  attachments: unknown;
  replyToId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/**
 * The reported messages and the last EVIDENCE_CONTEXT messages of the chat up
 * to the latest of them (the chat's last ones when none is named), oldest
 * first, tombstones included as they stand. Without a chat, no messages.
 */
export async function freezeEvidence(
  tx: DbClient,
  { chatId, messageIds, frozenAt }: { chatId: string | null; messageIds: string[]; frozenAt: Date },
): Promise<{ evidence: Evidence; sha256: string }> {
  const rows = chatId
    ? await tx.$queryRaw<EvidenceRow[]>`
        WITH upto AS (
          SELECT COALESCE(max(seq), 2147483647) AS seq FROM "ChatMessage"
          WHERE "chatId" = ${chatId}::uuid AND id = ANY(${messageIds}::uuid[])
        ), around AS (
          SELECT m.id FROM "ChatMessage" m, upto
          WHERE m."chatId" = ${chatId}::uuid AND m.seq <= upto.seq
          ORDER BY m.seq DESC LIMIT ${EVIDENCE_CONTEXT}
        )
        SELECT m.id, m.seq, m."senderId", u.name AS "senderName", m.type, m.content, m.attachments,
               m."replyToId", m."createdAt", m."editedAt", m."deletedAt"
        FROM "ChatMessage" m LEFT JOIN "User" u ON u.id = m."senderId"
        WHERE m."chatId" = ${chatId}::uuid
          AND (m.id = ANY(${messageIds}::uuid[]) OR m.id IN (SELECT id FROM around))
        ORDER BY m.seq`
    : [];
  const reported = new Set(messageIds);
  const evidence: Evidence = {
    messages: rows.map((m) => ({
      id: m.id,
      seq: m.seq,
      senderId: m.senderId,
      senderName: m.senderName,
      type: m.type,
      content: m.content,
      attachments: (m.attachments as AttachmentDto[] | null) ?? null,
      replyToId: m.replyToId,
      createdAt: m.createdAt.toISOString(),
      editedAt: m.editedAt?.toISOString() ?? null,
      deletedAt: m.deletedAt?.toISOString() ?? null,
      reported: reported.has(m.id),
    })),
    chatId,
    frozenAt: frozenAt.toISOString(),
  };
  return { evidence, sha256: evidenceSha256(evidence) };
}
