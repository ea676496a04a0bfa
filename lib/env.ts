// The one place that reads process.env. Parsed once, at start; an invalid
// value stops the server with one line naming the variable.
import { z } from 'zod';
import { processSlot } from './process-state';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A base64url (unpadded) string that decodes to exactly `bytes` bytes. */
const base64url = (bytes: number, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url')
    .refine(
      (v) => Buffer.from(v, 'base64url').length === bytes,
      `must be ${what} (${bytes} bytes, base64url)`,
    );

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** PostgreSQL connections per process; sends wait on these under load. */
  DATABASE_POOL_SIZE: positiveInt(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key and channel, so deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().min(1).default('chat:'),
  /**
   * With REDIS_URL and REDIS_ADAPTER=streams: broadcasts kept in the Redis
   * stream that carries them between processes. A process that falls further behind than this never
   * delivers what was trimmed (its clients get it from sync).
   */
  REDIS_STREAM_MAX_LEN: z.coerce.number().int().min(1000).default(100_000),
  /**
   * With REDIS_URL: how processes share broadcasts (lib/realtime/redis-adapter.ts).
   * `sharded` (Redis 7 sharded pub/sub, one channel per room): a process
   * receives only broadcasts for rooms where it has sockets. `streams`: every
   * process reads every broadcast, and recovery works across processes.
   */
  REDIS_ADAPTER: z.enum(['sharded', 'streams']).default('sharded'),
  /** Who may open a direct chat: anyone (`open`), or only people the host product matched (`matched`). */
  DM_POLICY: z.enum(['open', 'matched']).default('open'),
  /** How long a closed (unmatched) direct chat keeps its messages, so either person can still report. */
  CLOSED_CHAT_RETENTION_DAYS: positiveInt(90),
  /**
   * How long a deleted account stays deactivated, and can be restored by
   * signing in, before it is erased (lib/users/erase-accounts.ts); 0 erases
   * it at the next sweep.
   */
  ACCOUNT_DELETION_GRACE_DAYS: z.coerce.number().int().min(0).max(3650).default(14),
  /** How often each process erases the accounts whose grace period has passed (at most this late). */
  ACCOUNT_ERASURE_SWEEP_SECONDS: positiveInt(3600),
  /**
   * The search indexer (lib/chat/search-index.ts): how long after a change
   * it runs, batching what arrives meanwhile, and how often it looks for
   * work other processes or a stopped process left.
   */
  SEARCH_INDEX_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  SEARCH_INDEX_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  /**
   * The disappearing-message timers a chat may choose, in seconds, besides
   * off: 24 hours, 7 days and 90 days. Tests and journeys add a short one
   * (e.g. `5,86400,604800,7776000`) to watch a message go in seconds.
   */
  DISAPPEARING_TIMERS: z
    .string()
    .default('86400,604800,7776000')
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(
      z
        .array(
          z
            .number()
            .int('must be whole seconds')
            .positive()
            .max(366 * 24 * 60 * 60),
        )
        .min(1, 'must list at least one timer'),
    ),
  /** How often each process looks for disappearing messages whose time has come. */
  DISAPPEARING_SWEEP_SECONDS: positiveInt(30),
  /** How often each process adds new rows to the analytics rollups and writes its send-latency counts. */
  ANALYTICS_ROLLUP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Comma-separated emails whose accounts become platform admins when they sign up or sign in. */
  ADMIN_EMAILS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Reports one person may file per day. */
  REPORTS_PER_DAY: positiveInt(20),
  /** Exports (lib/exports) one person may request in 24 hours; one at a time in any case. */
  EXPORTS_PER_DAY: positiveInt(3),
  /** How long a finished export can be downloaded; then the sweep deletes its zip. */
  EXPORT_RETENTION_DAYS: positiveInt(7),
  /**
   * How long an export worker's claim on a job lasts without renewal: a
   * process that stops mid-export loses the job to another (or to itself,
   * restarted) this long after its last progress.
   */
  EXPORT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * A pause between an export's pages of messages, so big exports stay in
   * the background of live traffic (0: none).
   */
  EXPORT_PACE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * What the built-in English profanity list (obscenity's dataset) does to a
   * message: `flag` asks "Are you sure?", `block` refuses it, `off` leaves
   * only the console's words. The console's words keep their own action.
   */
  WORD_FILTER_BASELINE: z.enum(['flag', 'block', 'off']).default('flag'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Comma-separated origins allowed besides the server's own (for websockets and cookie writes). */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'must be a comma-separated list of origins' }))),
  TOKEN_TTL_SECONDS: positiveInt(24 * 60 * 60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MESSAGE_MAX_LENGTH: positiveInt(4000),
  GROUP_MAX_PARTICIPANTS: positiveInt(256),
  PAGE_MAX_ITEMS: positiveInt(100),
  EDIT_WINDOW_SECONDS: positiveInt(15 * 60),
  BODY_MAX_BYTES: positiveInt(64 * 1024),
  // Uploads and media (lib/media).
  /** Largest file one upload may carry, in bytes; a body declaring more is refused before it is read. */
  UPLOAD_MAX_BYTES: positiveInt(25 * 1024 * 1024),
  /** Longest voice message, in seconds. */
  VOICE_MAX_SECONDS: positiveInt(300),
  /** Bytes one person may upload in any 24 hours (what is stored after processing). */
  UPLOAD_DAILY_BYTES: positiveInt(1024 * 1024 * 1024),
  /** Files one person may upload in any 24 hours. */
  UPLOAD_DAILY_FILES: positiveInt(500),
  /** Keep media in this S3-compatible bucket instead of DATA_DIR/media. */
  S3_BUCKET: z.string().min(1).optional(),
  /** The S3 service's URL (MinIO, R2, …); AWS's own when unset. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** With S3_SECRET_ACCESS_KEY; without both, the AWS SDK's default credentials (instance role, …). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address buckets as endpoint/bucket rather than bucket.endpoint (MinIO and most self-hosted servers). */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Prefix of every object key, so one bucket can hold several deployments. */
  S3_PREFIX: z
    .string()
    .regex(
      /^((?!\.\.?\/)[A-Za-z0-9._-]+\/)*$/,
      'must be empty or path segments each ending in /, e.g. chat/media/',
    )
    .default(''),
  /** Sign-in and sign-up requests allowed per minute from one client address. */
  AUTH_REQUESTS_PER_MINUTE: positiveInt(20),
  /** Wrong passwords allowed per account per 15 minutes before sign-in pauses for it. */
  LOGIN_FAILURES_PER_ACCOUNT: positiveInt(10),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** The public origin (https://chat.example.com): absolute links, and Secure cookies when https. */
  PUBLIC_URL: z.url().optional(),
  /** Largest Socket.IO packet a client may send (binary attachments included). */
  SOCKET_MAX_PAYLOAD_BYTES: positiveInt(64 * 1024),
  /** Socket events allowed per second, per socket and per user (bursts of twice that). */
  SOCKET_EVENTS_PER_SECOND: positiveInt(20),
  USER_EVENTS_PER_SECOND: positiveInt(50),
  /**
   * Writes per second per user across REST and sockets (sends, edits,
   * deletes; chat changes weigh more, see lib/user-budget.ts), bursts of twice that.
   */
  USER_WRITES_PER_SECOND: positiveInt(10),
  /** Expensive reads per second per user across REST and sockets (sync, history, search, lists). */
  USER_READS_PER_SECOND: positiveInt(20),
  /**
   * API requests one user may have in progress in one process; one more is
   * refused with 429 before Next, so one user cannot hold the database pool.
   */
  USER_REQUESTS_IN_FLIGHT: positiveInt(8),
  /** Open sockets per user across every process; one more is refused at the handshake. */
  SOCKET_MAX_PER_USER: positiveInt(20),
  /** How long a user stays online after their last socket closes (a reload, a flaky network). */
  PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(5000),
  SOCKET_RECOVERY_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  /**
   * With REDIS_URL: how long a socket counts as live without its process's
   * heartbeat (sent every third of it), so a crashed process leaves no ghosts.
   */
  PRESENCE_TTL_MS: z.coerce.number().int().min(1000).default(30_000),

  // Web Push (lib/push). On by default except in production, where it is on
  // once VAPID keys are given; PUSH_ENABLED=true there without them is fatal.
  PUSH_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /** The application server's VAPID key pair, base64url (`npx web-push generate-vapid-keys`). */
  VAPID_PUBLIC_KEY: base64url(65, 'an uncompressed P-256 public key').optional(),
  VAPID_PRIVATE_KEY: base64url(32, 'a P-256 private key').optional(),
  /** Who push services contact about this server: mailto: or an https: URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: address or an https: URL')
    .optional(),
  /**
   * Hosts a push endpoint may name: exact names or IPs, or `*.` wildcards
   * (any subdomain). Anything else is refused at subscribe and never sent to.
   */
  PUSH_ALLOWED_HOSTS: z
    .string()
    .default('*.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com')
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^(\*\.)?[a-z0-9.:[\]-]+$/,
            'must be a comma-separated list of hosts (*.example.com allowed)',
          ),
      ),
    ),
  /** Browsers (subscriptions) per person; subscribing one more forgets their oldest. */
  PUSH_SUBSCRIPTIONS_PER_USER: positiveInt(10),
  /** Subscribe and unsubscribe calls per person per hour (429 past it). */
  PUSH_SUBSCRIPTION_CHANGES_PER_HOUR: positiveInt(30),
  /** How long a push service keeps a push for a device that is offline. */
  PUSH_TTL_SECONDS: positiveInt(24 * 60 * 60),
  /** How long a push service has to answer one push. */
  PUSH_TIMEOUT_MS: positiveInt(10_000),
  /** Tries per push: a 5xx, 429 or timeout is tried again after PUSH_RETRY_BASE_MS, doubling each time. */
  PUSH_MAX_ATTEMPTS: positiveInt(5),
  PUSH_RETRY_BASE_MS: positiveInt(2000),
  /** Pushes one process sends at once. */
  PUSH_CONCURRENCY: positiveInt(8),
  /** Tests only (NODE_ENV=test): a PEM certificate the push sender trusts, for a local push service. */
  PUSH_TEST_CA_FILE: z.string().min(1).optional(),
  /**
   * GET /metrics on the public port answers only `Authorization: Bearer`
   * this token; without it that path does not exist (404).
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A second listener serving only /metrics, without a token: bind it to an interface only Prometheus reaches. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Link previews fetched at once, per process; past it a link gets no preview. */
  LINK_PREVIEW_CONCURRENCY: positiveInt(4),
  /** Tests only (NODE_ENV=test): a PEM certificate the link-preview fetcher trusts. */
  LINK_PREVIEW_TEST_CA_FILE: z.string().min(1).optional(),
  /**
   * Tests only: `name=address,…` answers the fetcher's DNS for those names
   * (the address is still checked), and `LINK_PREVIEW_TEST_CONNECT`
   * (`127.0.0.1:port`) is where every connection the check allowed goes, so
   * a local listener sees each one, and none that the check refused.
   */
  LINK_PREVIEW_TEST_HOSTS: z.string().min(1).optional(),
  LINK_PREVIEW_TEST_CONNECT: z
    .string()
    .regex(/^[\d.]+:\d+$/, 'must be address:port')
    .optional(),
});

const checked = schema.refine(
  (e) => (e.S3_ACCESS_KEY_ID === undefined) === (e.S3_SECRET_ACCESS_KEY === undefined),
  {
    path: ['S3_SECRET_ACCESS_KEY'],
    message: 'and S3_ACCESS_KEY_ID go together: set both or neither',
  },
);

export type Env = z.infer<typeof schema>;

/** The settings no single variable can check: they depend on each other. */
function checkTogether(config: Env): string | null {
  if (config.PUSH_TEST_CA_FILE && config.NODE_ENV !== 'test')
    return 'PUSH_TEST_CA_FILE is for tests only (NODE_ENV=test)';
  for (const name of [
    'LINK_PREVIEW_TEST_CA_FILE',
    'LINK_PREVIEW_TEST_HOSTS',
    'LINK_PREVIEW_TEST_CONNECT',
  ] as const)
    if (config[name] && config.NODE_ENV !== 'test') return `${name} is for tests only (NODE_ENV=test)`;
  if (Boolean(config.VAPID_PUBLIC_KEY) !== Boolean(config.VAPID_PRIVATE_KEY))
    return 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither';
  return null;
}

/** Parses an environment; throws one readable line when it is invalid. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = checked.safeParse(source);
  if (result.success) {
    const problem = checkTogether(result.data);
    if (problem) throw new Error(`Invalid configuration: ${problem}`);
    return result.data;
  }
  const issue = result.error.issues[0];
  const name = issue?.path.join('.') ?? 'environment';
  throw new Error(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
}

const current = processSlot<Env>('env');

/** The configuration the server started with (`installEnv`); else process.env's, read once. */
export function env(): Env {
  return current.use(() => parseEnv(process.env));
}

/** Set by the server's start: route handlers and the rest read this configuration from then on. */
export function installEnv(config: Env): void {
  current.set(config);
}

/**
 * next-auth reads its base URL from the environment itself; with PUBLIC_URL
 * set it builds links from it and marks cookies Secure when it is https.
 */
export function exportNextAuthUrl(config: Env): void {
  if (config.PUBLIC_URL) process.env.NEXTAUTH_URL = config.PUBLIC_URL;
}

/** Origins allowed besides a request's own host: ALLOWED_ORIGINS and PUBLIC_URL. */
export function trustedOrigins(config: Env): string[] {
  return config.PUBLIC_URL
    ? [...config.ALLOWED_ORIGINS, new URL(config.PUBLIC_URL).origin]
    : config.ALLOWED_ORIGINS;
}

/** The environment a child process (pg_dump, pg_restore) runs with: this process's, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
