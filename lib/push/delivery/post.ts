// One push request to a push service (RFC 8030) and what its answer means.
import https from 'node:https';

export type PostOutcome =
  | { kind: 'sent' }
  /** 404 or 410: the subscription is gone for good (unsubscribed, expired). */
  | { kind: 'gone'; status: number }
  /** A 5xx, 429, timeout or network error: worth trying again. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Any other answer (400, 401, 403, 413): trying again would get the same. */
  | { kind: 'refused'; reason: string };

/** Enough of an error answer to log; the rest is not read. */
const BODY_MAX_BYTES = 4096;

export function postPush(
  request: { endpoint: string; headers: Record<string, string>; body: Buffer },
  options: { agent: https.Agent; timeoutMs: number },
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const req = https.request(
      request.endpoint,
      { method: 'POST', headers: request.headers, agent: options.agent, timeout: options.timeoutMs },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < BODY_MAX_BYTES) text += chunk.slice(0, BODY_MAX_BYTES - text.length);
        });
        res.on('error', () => resolve({ kind: 'retry', reason: 'the answer broke off' }));
        res.on('end', () => resolve(classify(status, res.headers['retry-after'], text)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (err) => resolve({ kind: 'retry', reason: err.message }));
    req.end(request.body);
  });
}

function classify(status: number, retryAfter: string | undefined, text: string): PostOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  const reason = `${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  if (status === 429 || status >= 500) {
    const seconds = Number(retryAfter);
    return {
      kind: 'retry',
      reason,
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  return { kind: 'refused', reason };
}
