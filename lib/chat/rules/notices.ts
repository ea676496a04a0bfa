// The wording of SYSTEM messages, in one place so they read alike.
import type { Role } from '../dto';

/** "Bob", "Bob and Carol", "Bob, Carol and Dave", "Bob, Carol, Dave and 4 others". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} others`] : names;
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

const ROLE_WORDS: Record<Role, [one: string, many: string]> = {
  ADMIN: ['an admin', 'admins'],
  MODERATOR: ['a moderator', 'moderators'],
  MEMBER: ['a regular member', 'regular members'],
};

export const notices = {
  created: (actor: string, groupName: string) => `${actor} created the group "${groupName}"`,
  renamed: (actor: string, groupName: string) => `${actor} renamed the group to "${groupName}"`,
  description: (actor: string, removed: boolean) =>
    removed ? `${actor} removed the group description` : `${actor} changed the group description`,
  photo: (actor: string, removed: boolean) =>
    removed ? `${actor} removed the group photo` : `${actor} changed the group photo`,
  added: (actor: string, names: string[]) => `${actor} added ${listNames(names)}`,
  removed: (actor: string, names: string[]) => `${actor} removed ${listNames(names)}`,
  role: (actor: string, names: string[], role: Role) =>
    `${actor} made ${listNames(names)} ${ROLE_WORDS[role][names.length === 1 ? 0 : 1]}`,
  left: (actor: string) => `${actor} left`,
  joined: (actor: string) => `${actor} joined`,
  promoted: (name: string) => `${name} is now an admin`,
};

/** A chat's disappearing-message timer changed. */
export function timerNotice(actor: string, timer: string | null): string {
  return timer === null
    ? `${actor} turned off disappearing messages`
    : `${actor} turned on disappearing messages: new messages disappear ${timer} after they are sent`;
}
