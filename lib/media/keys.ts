import { randomBytes } from 'node:crypto';

/**
 * A fresh random storage key, `ab/ab12…` (128 random bits): nothing of the
 * uploader, the chat or the file name is in it, and the two-letter folder
 * keeps any one directory of the local driver small.
 */
export function newStorageKey(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 2)}/${hex}`;
}
