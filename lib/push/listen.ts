// The push queue's intake: a domain-event subscriber, so no service knows
// about pushes and the send path only pays for adding a job.
import { subscribe } from '../events/bus';
import type { PushQueue } from './queue/types';

export function listenForPushes(queue: PushQueue): () => void {
  return subscribe('push', async (event) => {
    if (event.type === 'message.sent') {
      await queue.add(
        {
          kind: 'message',
          messageId: event.message.id,
          chatId: event.message.chatId,
          senderId: event.message.senderId,
        },
        { once: `message:${event.message.id}` },
      );
    } else if (event.type === 'receipt.moved') {
      const { chatId, userId, upToSeq } = event.receipt;
      await queue.add({ kind: 'read', chatId, userId, upToSeq });
    }
  });
}
