import { z } from 'zod';
import { storable, text } from './input';

const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  'letmein1',
  'abc12345',
  '11111111',
  'passw0rd',
]);

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

// Hashed, not stored; still refused when it is not valid Unicode, since its
// UTF-8 bytes (what is hashed) would not be what was typed.
export const passwordSchema = storable(z.string({ error: 'Enter a password.' }))
  .min(8, 'Use at least 8 characters for your password.')
  .max(128, 'Use at most 128 characters for your password.')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), {
    message: 'That password is too easy to guess. Try a longer phrase.',
  })
  .refine((p) => new Set(p).size > 2, {
    message: 'That password is too easy to guess. Try a longer phrase.',
  });

export const nameSchema = text({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(80, 'Use at most 80 characters for your name.')
  // What erased accounts are called (lib/users/erase-accounts.ts): nobody may pass for one.
  .refine((v) => v.toLowerCase() !== 'deleted account', 'That name is reserved. Choose another.');

export const registerSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
});

export const tokenRequestSchema = z.object({
  email: emailSchema,
  // Never tell a user at sign-in what the password rules are: just whether it matched.
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024),
});

export type RegisterInput = z.infer<typeof registerSchema>;
export type TokenRequest = z.infer<typeof tokenRequestSchema>;
