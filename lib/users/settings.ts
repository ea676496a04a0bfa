// A person's privacy settings: stored one row per person (UserSettings),
// the defaults while there is none. The services and the socket layer ask
// for them on live events (receipts, typing, presence), so answers are
// cached in the process for a few seconds like block partners: a change made
// in this process takes effect at once, one made in another within
// SETTINGS_TTL_MS.
import type { DbClient } from '../chat/store/sql';
import { db } from '../db';
import { announce } from '../events/bus';
import { processSlot } from '../process-state';
import { COST, spend } from '../user-budget';
import type { UpdateSettingsInput } from '../validations/settings';
import type { Audience, SettingsDto } from '../../sdk/src/protocol/users';

export type { SettingsDto };

export const DEFAULT_SETTINGS: Readonly<SettingsDto> = Object.freeze({
  readReceipts: true,
  lastSeen: 'everyone',
  typingIndicator: true,
  groupInvites: 'everyone',
  linkPreviews: false,
});

export const SETTINGS_TTL_MS = 5000;
const MAX_CACHED = 10_000;

const slot = processSlot<Map<string, { settings: SettingsDto; at: number }>>('userSettings');
const cached = () => slot.use(() => new Map());

type Row = {
  userId: string;
  readReceipts: boolean;
  lastSeen: 'EVERYONE' | 'CHATS' | 'NOBODY';
  typingIndicator: boolean;
  groupInvites: 'EVERYONE' | 'CHATS' | 'NOBODY';
  linkPreviews: boolean;
};

const toDto = (row: Row): SettingsDto => ({
  readReceipts: row.readReceipts,
  lastSeen: row.lastSeen.toLowerCase() as Audience,
  typingIndicator: row.typingIndicator,
  groupInvites: row.groupInvites.toLowerCase() as Audience,
  linkPreviews: row.linkPreviews,
});

/**
 * Each person's settings (the defaults for anyone without a row), in one
 * query for the uncached; `client`: the transaction to read in, if any.
 */
export async function settingsOf(
  userIds: readonly string[],
  client: Pick<DbClient, 'userSettings'> = db(),
): Promise<Map<string, SettingsDto>> {
  const cache = cached();
  const now = Date.now();
  const found = new Map<string, SettingsDto>();
  const missing: string[] = [];
  for (const id of new Set(userIds)) {
    const hit = cache.get(id);
    if (hit && now - hit.at < SETTINGS_TTL_MS) found.set(id, hit.settings);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  const rows = await client.userSettings.findMany({ where: { userId: { in: missing } } });
  const byId = new Map(rows.map((r) => [r.userId, toDto(r)]));
  if (cache.size + missing.length > MAX_CACHED) cache.clear();
  for (const id of missing) {
    const settings = byId.get(id) ?? DEFAULT_SETTINGS;
    cache.set(id, { settings, at: now });
    found.set(id, settings);
  }
  return found;
}

export async function settingsOfOne(userId: string): Promise<SettingsDto> {
  return (await settingsOf([userId])).get(userId) ?? DEFAULT_SETTINGS;
}

/** The caller's settings. */
export async function getSettings({ userId }: { userId: string }): Promise<SettingsDto> {
  await spend(userId, 'read', COST.read);
  cached().delete(userId);
  return settingsOfOne(userId);
}

/** Changes the fields given; the rest stay. Your other tabs hear settings_updated. */
export async function updateSettings({
  userId,
  changes,
  origin,
}: {
  userId: string;
  changes: UpdateSettingsInput;
  origin?: string;
}): Promise<SettingsDto> {
  await spend(userId, 'write', COST.edit);
  const data = {
    ...(changes.readReceipts !== undefined && { readReceipts: changes.readReceipts }),
    ...(changes.lastSeen && { lastSeen: changes.lastSeen.toUpperCase() as Row['lastSeen'] }),
    ...(changes.typingIndicator !== undefined && { typingIndicator: changes.typingIndicator }),
    ...(changes.groupInvites && { groupInvites: changes.groupInvites.toUpperCase() as Row['groupInvites'] }),
    ...(changes.linkPreviews !== undefined && { linkPreviews: changes.linkPreviews }),
  };
  const row = await db().userSettings.upsert({
    where: { userId },
    create: { userId, ...data },
    update: data,
  });
  const settings = toDto(row);
  cached().set(userId, { settings, at: Date.now() });
  announce({ type: 'settings.updated', actor: { userId, origin }, userId, settings });
  return settings;
}
