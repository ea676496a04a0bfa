// History pages for the thread: over the socket when it is up, REST otherwise.
import type { MessageDto, Page } from '../chat/dto';
import { unwrap } from '@chat/sdk';
import { chatClient } from './chat-client';

export const HISTORY_PAGE_SIZE = 50;

/**
 * A page of a chat's history, newest first, older than the cursor. Over the
 * open socket when there is one (no HTTP request, no cookie to decode per
 * page); over REST when it is not connected, slow or refuses (rate limited),
 * so REST's answer, errors included, is the last word.
 */
export async function fetchHistoryPage(chatId: string, cursor: string | null): Promise<Page<MessageDto>> {
  const socket = chatClient().socket;
  if (socket.connected) {
    const before = cursor === null ? undefined : Number(cursor);
    const res = await socket
      .timeout(5_000)
      .emitWithAck('fetch_messages', {
        chatId,
        limit: HISTORY_PAGE_SIZE,
        ...(before !== undefined && { before }),
      })
      .catch(() => undefined);
    if (res?.ok) return res.data;
  }
  const before = cursor === null ? {} : { before: Number(cursor) };
  return unwrap(
    await chatClient().rest.GET('/api/v1/chat/sessions/{id}/messages', {
      params: { path: { id: chatId }, query: { limit: HISTORY_PAGE_SIZE, ...before } },
    }),
  );
}
