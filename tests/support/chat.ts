import type { Api, TestUser } from './api';

export async function createDirect(api: Api, a: TestUser, b: TestUser): Promise<string> {
  const res = await api.post('/api/v1/chat/sessions', { type: 'DIRECT', targetUserId: b.id }, a.token);
  if (res.status !== 201 && res.status !== 200) throw new Error(`create DM: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.chat.id;
}

export async function createGroup(api: Api, admin: TestUser, members: TestUser[], name = 'Group'): Promise<string> {
  const res = await api.post(
    '/api/v1/chat/sessions',
    { type: 'GROUP', name, participantIds: members.map((m) => m.id) },
    admin.token,
  );
  if (res.status !== 201) throw new Error(`create group: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.chat.id;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
