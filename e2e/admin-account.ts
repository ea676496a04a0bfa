// The platform admin of the journeys: playwright.config.ts names this email
// in the server's ADMIN_EMAILS, so the account is an admin once it signs up.
// (No test imports here: the config loads this file.)
export const E2E_ADMIN_EMAIL = 'admin@e2e.test';

export const e2eAdmin = { name: 'Morgan Admin', email: E2E_ADMIN_EMAIL, password: 'e2e admin passphrase' };
