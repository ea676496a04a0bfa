import { AppError } from '../errors';
import { inTransaction } from '../events/transaction';
import type { UpdateChatInput } from '../validations/chat';
import { lockChat, requireParticipant } from './rules/access';
import type { ChatDto, Role } from './dto';
import { loadChat } from './store/load-chat';
import { notices } from './rules/notices';
import { addParticipants, removeParticipants, setRoles } from './store/participants';
import { assertGroupSize } from './rules/policy';
import { appendSystemMessage, userNames } from './store/system-message';
import { COST, spend } from '../user-budget';
import { avatarUrlOf, requireAvatarUpload, retireAvatar } from '../users/avatar-upload';
import { createInvitations, sortAdditions } from '../users/invitations';
import { chatAsSeenBy } from '../users/privacy';

export interface UpdateChatOptions {
  userId: string;
  chatId: string;
  input: UpdateChatInput;
}

interface Change {
  name?: string;
  description?: string | null;
  avatarUrl?: string | null;
  /** The group's photo from an upload (null removes it). */
  avatarUploadId?: string | null;
  add: string[];
  remove: string[];
  roles: Map<string, Role>;
}

/**
 * Changes a group. ADMINs may change anything; MODERATORs may add people and
 * remove MEMBERs; MEMBERs nothing. Each change leaves a SYSTEM message.
 */
export async function updateChat(options: UpdateChatOptions): Promise<ChatDto> {
  return (await updateChatInviting(options)).chat;
}

/** updateChat, and who was invited rather than added (their groupInvites setting). */
export async function updateChatInviting({
  userId,
  chatId,
  input,
}: UpdateChatOptions): Promise<{ chat: ChatDto; invitedUserIds: string[] }> {
  await spend(userId, 'write', COST.changeChat);
  const change = normalize(input, userId);
  const result = await inTransaction(async (tx, events) => {
    await lockChat(tx, chatId);
    const me = await requireParticipant(tx, chatId, userId);
    if (me.chatType !== 'GROUP') {
      throw new AppError('VALIDATION', 'A direct chat has no name, members or roles to change.');
    }
    const id = me.chatId;
    const current = await tx.chatParticipant.findMany({
      where: { chatId: id, leftAt: null },
      select: { userId: true, role: true },
    });
    const roleOf = new Map(current.map((p) => [p.userId, p.role]));
    authorize(me.role, change, roleOf);
    // Newcomers whose groupInvites setting does not let the caller add them are invited instead.
    const sorted = await sortAdditions(
      tx,
      userId,
      change.add.filter((u) => !roleOf.has(u)),
    );
    const invite = sorted.invite;
    change.add = change.add.filter((u) => !invite.includes(u) && (roleOf.has(u) || sorted.add.includes(u)));
    assertStillValid(change, roleOf);

    const names = await userNames(tx, [userId, ...change.add, ...change.remove, ...change.roles.keys()]);
    const addable = await userNames(tx, change.add, { addable: true });
    const missing = change.add.filter((u) => !addable.has(u)).length;
    if (missing > 0) {
      const who =
        missing === 1 ? 'One of the people you chose does' : `${missing} of the people you chose do`;
      throw new AppError('VALIDATION', `addParticipantIds: ${who} not exist.`);
    }
    const actor = names.get(userId) ?? '';
    const nameOf = (u: string) => names.get(u) ?? '';
    const texts: string[] = [];

    const before = await tx.chatSession.findUniqueOrThrow({
      where: { id },
      select: { name: true, description: true, avatarUrl: true },
    });
    const details: { name?: string; description?: string | null; avatarUrl?: string | null } = {};
    if (change.name !== undefined && change.name !== before.name) {
      details.name = change.name;
      texts.push(notices.renamed(actor, change.name));
    }
    if (change.description !== undefined && change.description !== before.description) {
      details.description = change.description;
      texts.push(notices.description(actor, change.description === null));
    }
    if (change.avatarUploadId) await requireAvatarUpload(tx, change.avatarUploadId, { userId, chatId: id });
    const avatarUrl =
      change.avatarUploadId === undefined
        ? change.avatarUrl
        : change.avatarUploadId && avatarUrlOf(change.avatarUploadId);
    if (avatarUrl !== undefined && avatarUrl !== before.avatarUrl) {
      details.avatarUrl = avatarUrl;
      texts.push(notices.photo(actor, avatarUrl === null));
      await retireAvatar(tx, before.avatarUrl, { chatId: id });
    }
    if (Object.keys(details).length > 0) await tx.chatSession.update({ where: { id }, data: details });

    const added = change.add.length > 0 ? await addParticipants(tx, id, change.add) : [];
    if (added.length > 0) texts.push(notices.added(actor, added.map(nameOf)));
    const removed = change.remove.length > 0 ? await removeParticipants(tx, id, change.remove) : [];
    if (removed.length > 0) texts.push(notices.removed(actor, removed.map(nameOf)));
    const changedRoles = await setRoles(tx, id, change.roles);
    for (const role of ['ADMIN', 'MODERATOR', 'MEMBER'] as const) {
      const who = changedRoles.filter((r) => r.role === role).map((r) => nameOf(r.userId));
      if (who.length > 0) texts.push(notices.role(actor, who, role));
    }

    const written = [];
    for (const content of texts)
      written.push(await appendSystemMessage(tx, { chatId: id, actorId: userId, content }));
    const chat = await loadChat(tx, id);
    const invited = await createInvitations(tx, { chatId: id, inviterId: userId, userIds: invite });
    events.push(...invited);
    if (written.length === 0) return { chat, invitedUserIds: invite };
    // Removed people leave the room before anything else is said in it;
    // added people join it before the update and the notices, which are not
    // in the caller's answer, so every socket hears them.
    const by = { userId };
    for (const gone of removed)
      events.push({ type: 'member.removed', actor: by, chatId: id, userId: gone, left: false });
    if (added.length > 0) events.push({ type: 'member.added', actor: by, chat, userIds: added });
    events.push({ type: 'chat.updated', actor: by, chat });
    for (const message of written) events.push({ type: 'message.sent', actor: by, message });
    return { chat, invitedUserIds: invite };
  });
  return { ...result, chat: await chatAsSeenBy(userId, result.chat) };
}

function normalize(input: UpdateChatInput, userId: string): Change {
  const ids = (list: string[] | undefined) => [...new Set((list ?? []).map((u) => u.toLowerCase()))];
  // Adding yourself is a no-op: you are in the group already.
  const add = ids(input.addParticipantIds).filter((u) => u !== userId);
  const remove = ids(input.removeParticipantIds);
  if (remove.includes(userId)) {
    throw new AppError(
      'VALIDATION',
      'removeParticipantIds: To leave the group, leave it instead of removing yourself.',
    );
  }
  if (add.some((u) => remove.includes(u))) {
    throw new AppError('VALIDATION', 'Add or remove a person, not both in one change.');
  }
  return {
    name: input.name,
    // An empty description is no description.
    description: input.description === '' ? null : input.description,
    avatarUrl: input.avatarUrl,
    avatarUploadId: input.avatarUploadId,
    add,
    remove,
    // The last entry for a person wins.
    roles: new Map((input.roles ?? []).map((r) => [r.userId.toLowerCase(), r.role])),
  };
}

function authorize(actor: Role, change: Change, roleOf: Map<string, Role>): void {
  if (actor === 'ADMIN') return;
  if (actor === 'MEMBER')
    throw new AppError('FORBIDDEN', 'Only group admins and moderators can change the group.');
  const details =
    change.name !== undefined ||
    change.description !== undefined ||
    change.avatarUrl !== undefined ||
    change.avatarUploadId !== undefined;
  if (details || change.roles.size > 0) {
    throw new AppError('FORBIDDEN', "Only group admins can change the group's details and roles.");
  }
  if (change.remove.some((u) => (roleOf.get(u) ?? 'MEMBER') !== 'MEMBER')) {
    throw new AppError('FORBIDDEN', 'Moderators can only remove members.');
  }
}

/** After the change the group still has an admin, everyone given a role is in it, and it is within the cap. */
function assertStillValid(change: Change, roleOf: Map<string, Role>): void {
  const after = new Map(roleOf);
  for (const u of change.remove) after.delete(u);
  for (const u of change.add) if (!after.has(u)) after.set(u, 'MEMBER');
  for (const [u, role] of change.roles) {
    if (!after.has(u))
      throw new AppError('VALIDATION', 'roles: Everyone whose role you set must be in the group.');
    after.set(u, role);
  }
  if (![...after.values()].includes('ADMIN'))
    throw new AppError('VALIDATION', 'roles: A group needs at least one admin.');
  assertGroupSize(after.size);
}
