// Builds one export into a zip file: per chat a chat.json and messages.jsonl
// (JSON) and/or messages.html (HTML), then the media those messages include;
// for an account, its own data (account/*.json); an index.html when HTML was
// asked for; and last manifest.json, with counts and the sha256 of every
// file. Each page of messages reports progress, which is also where a stop
// or a lost claim ends the build.
import { setTimeout as sleep } from 'node:timers/promises';
import { mediaStorage } from '../../media/storage';
import { StorageMissing } from '../../media/storage/types';
import { accountFiles } from './account';
import { chatsOf, membersOf, type ExportChat } from './chats';
import { escapeHtml, messageHtml, page, PAGE_END } from './html';
import { messagePages, type ChatView, type MediaFile } from './messages';
import { ExportZip } from './zip';

export const EXPORT_FORMAT_VERSION = 1;

export interface BuildJob {
  id: string;
  userId: string;
  scope: 'ACCOUNT' | 'CHAT';
  chatId: string | null;
  format: 'JSON' | 'HTML' | 'BOTH';
  includeMedia: boolean;
}

export interface BuildOptions {
  filePath: string;
  /** Called as the build goes (0..1); it throws to end the build. */
  progress: (fraction: number) => Promise<void>;
  signal: AbortSignal;
  paceMs: number;
}

interface Counts {
  chats: number;
  messages: number;
  deletedMessages: number;
  mediaFiles: number;
}

export async function buildExport(
  job: BuildJob,
  options: BuildOptions,
): Promise<{ size: number; sha256: string }> {
  const { signal } = options;
  const zip = new ExportZip(options.filePath);
  try {
    const chats = await chatsOf(job.userId, job.scope === 'CHAT' ? job.chatId : null);
    const passes = job.format === 'BOTH' ? 2 : 1;
    const steps = chats.length * passes + 1;
    const counts: Counts = { chats: chats.length, messages: 0, deletedMessages: 0, mediaFiles: 0 };
    const json = job.format !== 'HTML';
    const html = job.format !== 'JSON';
    const missing: string[] = [];
    let step = 0;
    const checkpoint = async (within = 0) => {
      signal.throwIfAborted();
      await options.progress(Math.min(0.99, (step + within) / steps));
    };

    if (job.scope === 'ACCOUNT') {
      for (const [path, data] of await accountFiles(job.userId)) {
        await zip.add(path, [JSON.stringify(data, null, 2), '\n'], 'application/json');
      }
    }
    step = 1;
    for (const chat of chats) {
      const view: ChatView = {
        chatId: chat.id,
        userId: job.userId,
        leftAt: chat.leftAt,
        includeMedia: job.includeMedia,
      };
      const media = new Map<string, MediaFile>();
      const dir = `chats/${chat.id}`;
      const advance = async (lastSeq: number) => {
        await checkpoint(Math.min(1, lastSeq / Math.max(1, chat.lastSeq)));
        if (options.paceMs > 0) await sleep(options.paceMs, undefined, { signal });
      };
      if (json) {
        await zip.add(
          `${dir}/chat.json`,
          [JSON.stringify(await chatJson(chat), null, 2), '\n'],
          'application/json',
        );
        await zip.add(
          `${dir}/messages.jsonl`,
          jsonLines(view, media, counts, advance),
          'application/x-ndjson',
        );
        step++;
      }
      if (html) {
        await zip.add(
          `${dir}/messages.html`,
          htmlPage(chat, view, media, json ? null : counts, advance),
          'text/html',
        );
        step++;
      }
      for (const file of media.values()) {
        signal.throwIfAborted();
        const bytes = await mediaStorage()
          .get(file.storageKey)
          .catch((error: unknown) => {
            // Purged between the page and now (a deletion, an expiry): named in the manifest, not fatal.
            if (error instanceof StorageMissing) return null;
            throw error;
          });
        if (!bytes) missing.push(file.file);
        else {
          await zip.add(file.file, bytes, file.mime);
          counts.mediaFiles++;
        }
      }
      await checkpoint();
    }
    if (html) await zip.add('index.html', [indexHtml(job, chats)], 'text/html');
    const manifest = {
      formatVersion: EXPORT_FORMAT_VERSION,
      exportId: job.id,
      scope: job.scope.toLowerCase(),
      format: job.format.toLowerCase(),
      userId: job.userId,
      createdAt: new Date().toISOString(),
      counts: { ...counts, files: zip.entries.length },
      chats: chats.map((c) => ({
        id: c.id,
        type: c.type,
        title: c.title,
        leftAt: c.leftAt?.toISOString() ?? null,
      })),
      files: zip.entries,
      /** Media the messages name that was deleted while the export ran. */
      missingMedia: missing,
    };
    return await zip.finish('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  } catch (error) {
    zip.abort();
    throw error;
  }
}

async function chatJson(chat: ExportChat) {
  return {
    id: chat.id,
    type: chat.type,
    name: chat.name,
    description: chat.description,
    createdAt: chat.createdAt.toISOString(),
    joinedAt: chat.joinedAt.toISOString(),
    leftAt: chat.leftAt?.toISOString() ?? null,
    members: await membersOf(chat.id),
  };
}

type Advance = (lastSeq: number) => Promise<void>;

async function* jsonLines(view: ChatView, media: Map<string, MediaFile>, counts: Counts, advance: Advance) {
  for await (const { messages, lastSeq } of messagePages(view, media)) {
    count(counts, messages);
    yield messages.map((m) => `${JSON.stringify(m)}\n`).join('');
    await advance(lastSeq);
  }
}

async function* htmlPage(
  chat: ExportChat,
  view: ChatView,
  media: Map<string, MediaFile>,
  counts: Counts | null,
  advance: Advance,
) {
  const left = chat.leftAt
    ? `<p>You left this chat on ${escapeHtml(chat.leftAt.toISOString())}: what was sent until then.</p>`
    : '';
  yield page(
    chat.title,
    `<p><a href="../../index.html">All chats</a></p><h1>${escapeHtml(chat.title)}</h1>${left}\n`,
  );
  for await (const { messages, lastSeq } of messagePages(view, media)) {
    if (counts) count(counts, messages);
    yield messages.map((m) => messageHtml(m, '../../')).join('');
    await advance(lastSeq);
  }
  yield PAGE_END;
}

function count(counts: Counts, messages: Array<{ deleted: boolean }>): void {
  counts.messages += messages.length;
  counts.deletedMessages += messages.filter((m) => m.deleted).length;
}

function indexHtml(job: BuildJob, chats: ExportChat[]): string {
  const items = chats
    .map((c) => `<li><a href="chats/${escapeHtml(c.id)}/messages.html">${escapeHtml(c.title)}</a></li>`)
    .join('\n');
  const account =
    job.scope === 'ACCOUNT'
      ? '<p>Your profile, sessions, blocks and reports are in the account folder (JSON).</p>'
      : '';
  return `${page('Chat export', `<h1>Chat export</h1>${account}<ul>\n${items}\n</ul>`)}${PAGE_END}`;
}
