import pino from 'pino';
import { env } from './env';
import { processSlot } from './process-state';

const slot = processSlot<pino.Logger>('logger');

/** Structured JSON logs. Credentials never reach them: see `redact`. */
export function logger(): pino.Logger {
  return slot.use(() => pino({
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
  }));
}
