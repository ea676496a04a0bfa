// Shared by the reports and moderation tests: an admin named in ADMIN_EMAILS,
// a moderator the admin appoints, and short ways to file and decide reports.
import type { Api, ApiResponse, TestUser } from './api';

export const REPORTS = '/api/v1/reports';
export const QUEUE = '/api/v1/admin/reports';
export const AUDIT = '/api/v1/admin/audit';
export const MODERATORS = '/api/v1/admin/moderators';
export const NOTICES = '/api/v1/users/me/notices';
export const NOTHING_HERE = { code: 'NOT_FOUND', message: 'There is nothing here.' };

export const messagesOf = (chatId: string) => `/api/v1/chat/sessions/${chatId}/messages`;
export const decisionOf = (reportId: string) => `${QUEUE}/${reportId}/decision`;

/** Registers the account ADMIN_EMAILS names (an admin from sign-up); once per server. */
export async function registerAdmin(api: Api, email: string, name = 'Admin'): Promise<TestUser> {
  const password = `admin-${crypto.randomUUID()}`;
  const res = await api.post('/api/v1/auth/register', { email, password, name });
  if (res.status !== 201) throw new Error(`admin register: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, name, email, password, token: res.body.token };
}

/** A fresh account the admin makes a moderator. */
export async function appointModerator(api: Api, admin: TestUser, name = 'Mod'): Promise<TestUser> {
  const mod = await api.register(name);
  const res = await api.post(MODERATORS, { userId: mod.id }, admin.token);
  if (res.status !== 201) throw new Error(`appoint: ${res.status} ${JSON.stringify(res.body)}`);
  return mod;
}

/** Sends each text from `from` into the chat; returns the messages in order. */
export async function sendAll(api: Api, from: TestUser, chatId: string, texts: string[]): Promise<any[]> {
  const sent = [];
  for (const content of texts) {
    const res = await api.post(messagesOf(chatId), { content }, from.token);
    if (res.status !== 201) throw new Error(`send: ${res.status} ${JSON.stringify(res.body)}`);
    sent.push(res.body.message);
  }
  return sent;
}

export function fileReport(
  api: Api,
  reporter: TestUser,
  body: Record<string, unknown>,
): Promise<ApiResponse> {
  return api.post(REPORTS, body, reporter.token);
}

/** Files a report that must succeed; returns its id. */
export async function reportId(api: Api, reporter: TestUser, body: Record<string, unknown>): Promise<string> {
  const res = await fileReport(api, reporter, body);
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.report.id;
}

/** The report as moderators see it, with its history. */
export async function adminView(api: Api, staff: TestUser, id: string): Promise<any> {
  const res = await api.get(`${QUEUE}/${id}`, staff.token);
  if (res.status !== 200) throw new Error(`admin view: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A time `ms` from now, as the API takes times. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();
export const HOUR = 60 * 60 * 1000;
