// REST request bodies may leave out what the server defaults: a text
// message's `type` ('TEXT') and a media message's caption (`content`), as
// docs/api.md and the OpenAPI document say. Compiled against sdk/dist by
// types.test.ts only (the root typecheck does not include .mts files), so
// that a failure here shows as that test failing, not as the whole
// typecheck failing.
import { createChatClient } from '@chat/sdk';

export async function restDefaults(): Promise<void> {
  const client = createChatClient({ baseUrl: '', token: 'token' });
  const params = { path: { id: 'c' } };
  await client.rest.POST('/api/v1/chat/sessions/{id}/messages', { params, body: { content: 'hi' } });
  await client.rest.POST('/api/v1/chat/sessions/{id}/messages', {
    params,
    body: { type: 'IMAGE', attachmentIds: ['u1'] },
  });
}
