// The push queue: work leaves the send path as soon as a message is stored.
// A `message` or `read` job fans out to the recipients' subscriptions as
// `deliver` jobs, each one encrypted request to one push service, retried on
// its own. In one process it is in memory; with Redis every process takes
// jobs from one stream with a consumer group, so each is handled once.

export type PushJob =
  /** `chatId` and `senderId` let the fan-out ask for recipients first (absent in jobs queued before they were added). */
  | { kind: 'message'; messageId: string; chatId?: string; senderId?: string | null }
  | { kind: 'read'; chatId: string; userId: string; upToSeq: number }
  | {
      kind: 'deliver';
      subscriptionId: string;
      endpoint: string;
      /** Encrypted body (aes128gcm), base64: the queue never holds what a push says. */
      body: string;
      headers: Record<string, string>;
      /** Tries so far. */
      attempt: number;
    };

export interface AddOptions {
  /** Wait this long before the job can be taken (a retry's backoff). */
  delayMs?: number;
  /** Add it only if no job with this key was added in the last day (a fan-out handled twice adds nothing). */
  once?: string;
}

export interface PushQueue {
  /** Adds a job; false when `once` had been seen. */
  add(job: PushJob, options?: AddOptions): Promise<boolean>;
  /** Takes jobs, at most `concurrency` at a time, until stopped. */
  consume(handler: (job: PushJob) => Promise<void>, concurrency: number): void;
  /** Jobs waiting, delayed or in progress (across every process with Redis). */
  depth(): Promise<number>;
  /** Stops taking jobs and waits for those in progress. */
  stop(): Promise<void>;
}

export const ONCE_TTL_SECONDS = 24 * 60 * 60;
