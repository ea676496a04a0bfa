/** What anyone may see of a user. */
export interface PublicUser {
  id: string;
  name: string;
  avatarUrl: string | null;
}

/** What a user sees of their own account. */
export interface AccountUser extends PublicUser {
  email: string;
  createdAt: string;
}

export function toPublicUser(u: { id: string; name: string; avatarUrl: string | null }): PublicUser {
  return { id: u.id, name: u.name, avatarUrl: u.avatarUrl };
}

export function toAccountUser(u: {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  createdAt: Date;
}): AccountUser {
  return { ...toPublicUser(u), email: u.email, createdAt: u.createdAt.toISOString() };
}
