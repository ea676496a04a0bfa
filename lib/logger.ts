import pino from 'pino';
import { env } from './env';

const key = Symbol.for('chat.logger');
const store = globalThis as { [key]?: pino.Logger };

/** Structured JSON logs. Credentials never reach them: see `redact`. */
export function logger(): pino.Logger {
  store[key] ??= pino({
    level: env().LOG_LEVEL,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
  return store[key];
}
