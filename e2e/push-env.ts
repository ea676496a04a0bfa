// The journeys' server sends push (production needs VAPID keys for that):
// one key pair per run, picked by the runner and inherited by its workers.
import { generateVapidKeys } from '../lib/push/config';

export function pushServerEnv(): Record<string, string> {
  if (!process.env.E2E_VAPID_PUBLIC_KEY || !process.env.E2E_VAPID_PRIVATE_KEY) {
    const keys = generateVapidKeys();
    process.env.E2E_VAPID_PUBLIC_KEY = keys.publicKey;
    process.env.E2E_VAPID_PRIVATE_KEY = keys.privateKey;
  }
  return {
    VAPID_PUBLIC_KEY: process.env.E2E_VAPID_PUBLIC_KEY,
    VAPID_PRIVATE_KEY: process.env.E2E_VAPID_PRIVATE_KEY,
    VAPID_SUBJECT: 'mailto:e2e@example.com',
  };
}
