// A push service on 127.0.0.1 for the tests: HTTPS with a self-signed
// certificate (the server trusts it through PUSH_TEST_CA_FILE, tests only),
// and browsers' subscriptions made the way a browser makes them: a real
// P-256 key pair and auth secret. A test reads what the server pushed the
// way the browser would, decrypting with http_ece (aes128gcm), and checks
// the VAPID signature the way a push service does.
import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decrypt } from 'http_ece';
import { decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { selfSignedCertificate } from './self-signed';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  at: number;
}

/** What a push service makes of a request's VAPID Authorization header. */
export interface Vapid {
  /** The application server's public key (k=). */
  key: string;
  claims: JWTPayload;
}

export class BrowserSubscription {
  readonly id = randomUUID();
  private readonly ecdh: ECDH = createECDH('prime256v1');
  readonly auth = randomBytes(16).toString('base64url');
  readonly p256dh: string;

  constructor(private readonly service: PushService) {
    this.ecdh.generateKeys();
    this.p256dh = this.ecdh.getPublicKey().toString('base64url');
  }

  get endpoint(): string {
    return `${this.service.url}/push/${this.id}`;
  }

  /** As PushSubscription.toJSON() gives it. */
  toJSON() {
    return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: this.p256dh, auth: this.auth } };
  }

  /** The pushes that reached this browser's endpoint so far. */
  received(): ReceivedPush[] {
    return this.service.received.filter((r) => r.path === `/push/${this.id}`);
  }

  /** Decrypts one push as the browser does. */
  open<T = any>(push: ReceivedPush): T {
    const plain = decrypt(push.body, { version: 'aes128gcm', privateKey: this.ecdh, authSecret: this.auth });
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** Waits until this endpoint has received `count` pushes; returns them. */
  async waitFor(count: number, ms = 10_000): Promise<ReceivedPush[]> {
    const deadline = Date.now() + ms;
    while (this.received().length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} pushes to ${this.id}, got ${this.received().length} in ${ms} ms`);
      await sleep(25);
    }
    return this.received();
  }
}

export class PushService {
  readonly received: ReceivedPush[] = [];
  /** Answers for the next requests to a path, in order (then 201). */
  private readonly answers = new Map<string, number[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** A PEM file of the certificate: the server's PUSH_TEST_CA_FILE. */
    readonly caFile: string,
  ) {}

  static async start(): Promise<PushService> {
    const { cert, key } = selfSignedCertificate();
    const dir = mkdtempSync(path.join(tmpdir(), 'push-ca-'));
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, cert);
    // The request handler needs the service, which needs the listening server.
    const holder: { service?: PushService } = {};
    const server = createServer({ cert, key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const urlPath = req.url ?? '/';
        const { service } = holder;
        service?.received.push({
          path: urlPath,
          headers: req.headers,
          body: Buffer.concat(chunks),
          at: Date.now(),
        });
        const status = service?.answers.get(urlPath)?.shift() ?? 201;
        res.writeHead(status, { location: `${service?.url ?? ''}/message/${randomUUID()}` });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    holder.service = new PushService(server, `https://127.0.0.1:${port}`, caFile);
    return holder.service;
  }

  /** The server's settings that make it push here. */
  get serverEnv(): Record<string, string> {
    return {
      PUSH_ALLOWED_HOSTS:
        '*.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com,127.0.0.1',
      PUSH_TEST_CA_FILE: this.caFile,
      PUSH_RETRY_BASE_MS: '50',
    };
  }

  subscription(): BrowserSubscription {
    return new BrowserSubscription(this);
  }

  /** The next requests to `subscription` are answered with these statuses, in order. */
  answer(subscription: BrowserSubscription, ...statuses: number[]): void {
    this.answers.set(`/push/${subscription.id}`, statuses);
  }

  /** Verifies the VAPID JWT as a push service does: ES256 under k, for this origin, not expired. */
  async vapid(push: ReceivedPush): Promise<Vapid> {
    const header = String(push.headers.authorization ?? '');
    const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
    if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization header: ${header}`);
    const [, token, k] = match;
    const point = Buffer.from(k, 'base64url');
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    if (decodeProtectedHeader(token).alg !== 'ES256') throw new Error('VAPID JWT is not ES256');
    const { payload } = await jwtVerify(token, key, { audience: this.url, algorithms: ['ES256'] });
    return { key: k, claims: payload };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
