/** The journeys' platform admin (ADMIN_EMAILS of the server playwright.config.ts starts). */
export const ADMIN_EMAIL = 'e2e-admin@example.com';

/** Its account: whichever journey comes first signs it up, the others sign in. */
export const ADMIN_CREDENTIALS = { email: ADMIN_EMAIL, password: 'e2e admin passphrase', name: 'Admin' };
