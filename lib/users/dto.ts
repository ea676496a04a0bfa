import type { PublicUser } from '../../sdk/src/protocol/users';

export type { PublicUser };

/** A person's profile card: what anyone they have not blocked sees by their id. */
export interface UserProfile extends PublicUser {
  /** A short self-description, plain text (at most 160 characters). */
  bio: string | null;
  /** How to refer to them, e.g. "she/her" (at most 40 characters). */
  pronouns: string | null;
}

/** What a user sees of their own account. */
export interface AccountUser extends UserProfile {
  email: string;
  createdAt: string;
}

/** A chat two people are both in now, as the profile card lists it. */
export interface SharedChatDto {
  id: string;
  type: 'DIRECT' | 'GROUP';
  /** A group's name; null for the direct chat between the two. */
  name: string | null;
  avatarUrl: string | null;
  participantCount: number;
}

export function toPublicUser(u: { id: string; name: string; avatarUrl: string | null }): PublicUser {
  return { id: u.id, name: u.name, avatarUrl: u.avatarUrl };
}

type ProfileRow = {
  id: string;
  name: string;
  avatarUrl: string | null;
  bio: string | null;
  pronouns: string | null;
};

export function toUserProfile(u: ProfileRow): UserProfile {
  return { ...toPublicUser(u), bio: u.bio, pronouns: u.pronouns };
}

export function toAccountUser(u: ProfileRow & { email: string; createdAt: Date }): AccountUser {
  return { ...toUserProfile(u), email: u.email, createdAt: u.createdAt.toISOString() };
}
