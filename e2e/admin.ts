/** The journeys' platform admin (ADMIN_EMAILS of the server playwright.config.ts starts). */
export const ADMIN_EMAIL = 'e2e-admin@example.com';
