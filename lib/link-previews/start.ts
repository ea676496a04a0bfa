// Link previews (off by default; a person opts in with linkPreviews): once a
// text message of theirs is sent, the server fetches the page its first
// https link points to (fetch-page.ts), stores title, description and site
// name with the message, and the chat hears message_edited (editedAt stays
// null). The send never waits for it, and the preview never changes after.
// In-process: a preview under way when the process stops is not made.
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { LinkPreviewDto, MessageDto } from '../chat/dto';
import { toMessageDto, type MessageRow } from '../chat/dto/mappers';
import { NOW } from '../chat/store/sql';
import { db } from '../db';
import type { Env } from '../env';
import { announce, subscribe } from '../events/bus';
import { settingsOfOne } from '../users/settings';
import { PreviewCache } from './cache';
import { fetchPage, type FetchOptions } from './fetch-page';
import { firstHttpsUrl, parsePreview } from './parse-meta';

export function startLinkPreviews(env: Env, log: Logger): () => Promise<void> {
  const options = fetchOptions(env);
  const cache = new PreviewCache();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const previewOf = async (url: string): Promise<LinkPreviewDto | null> => {
    const known = cache.get(url);
    if (known !== undefined) return known;
    const page = await fetchPage(url, options);
    const preview = page.kind === 'page' ? parsePreview(url, page.html) : null;
    if (page.kind === 'refused') log.debug({ url, reason: page.reason }, 'no link preview');
    cache.set(url, preview);
    return preview;
  };

  const attach = async (message: MessageDto, url: string) => {
    const preview = await previewOf(url);
    if (!preview || stopped) return;
    const [row] = await db().$queryRaw<MessageRow[]>`
      UPDATE "ChatMessage" SET "linkPreview" = ${JSON.stringify(preview)}::jsonb, "updatedAt" = ${NOW}
      WHERE id = ${message.id}::uuid AND "deletedAt" IS NULL AND "linkPreview" IS NULL
      RETURNING *`;
    if (row)
      announce({ type: 'message.edited', actor: { userId: message.senderId }, message: toMessageDto(row) });
  };

  const unsubscribe = subscribe('link-previews', async (event) => {
    if (event.type !== 'message.sent' || stopped) return;
    const { message } = event;
    if (message.type !== 'TEXT' || !message.senderId || message.linkPreview) return;
    const url = firstHttpsUrl(message.content);
    if (!url || running.size >= env.LINK_PREVIEW_CONCURRENCY) return;
    if (!(await settingsOfOne(message.senderId)).linkPreviews) return;
    const work = attach(message, url).catch((err: unknown) => log.warn({ err }, 'link preview failed'));
    running.add(work);
    void work.then(() => running.delete(work));
  });

  return async () => {
    stopped = true;
    unsubscribe();
    await Promise.allSettled(running);
  };
}

function fetchOptions(env: Env): FetchOptions {
  const hosts = env.LINK_PREVIEW_TEST_HOSTS
    ? new Map(
        env.LINK_PREVIEW_TEST_HOSTS.split(',').map((pair) => {
          const [name = '', address = ''] = pair.split('=');
          return [name.trim().toLowerCase(), address.trim()] as const;
        }),
      )
    : undefined;
  const [host = '', port = ''] = env.LINK_PREVIEW_TEST_CONNECT?.split(':') ?? [];
  return {
    ...(hosts && { hosts }),
    ...(env.LINK_PREVIEW_TEST_CONNECT && { connectTo: { host, port: Number(port) } }),
    ...(env.LINK_PREVIEW_TEST_CA_FILE && { ca: readFileSync(env.LINK_PREVIEW_TEST_CA_FILE, 'utf8') }),
  };
}
