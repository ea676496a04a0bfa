// A local HTTPS "internet" for the link-preview tests. The server under test
// resolves made-up names through LINK_PREVIEW_TEST_HOSTS (the addresses it
// checks) and sends every connection the check allows here
// (LINK_PREVIEW_TEST_CONNECT), so this listener sees each one, and a test can
// assert it saw none for an address that must be refused.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { selfSignedCertificate } from './self-signed';

export interface SiteRequest {
  host: string;
  path: string;
  /** The TLS server name the client asked for. */
  servername: string | false;
}

type Page = (res: ServerResponse, path: string) => void;

export class LinkSite {
  /** Every TCP connection made to the listener, served or not. */
  connections = 0;
  readonly requests: SiteRequest[] = [];
  private readonly pages = new Map<string, Page>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly caFile: string,
  ) {}

  static async start(names: string[]): Promise<LinkSite> {
    const { cert, key } = selfSignedCertificate('127.0.0.1', names);
    const dir = mkdtempSync(path.join(tmpdir(), 'link-ca-'));
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, cert);
    const holder: { site?: LinkSite } = {};
    const server = createServer({ cert, key }, (req, res) => {
      const site = holder.site;
      const host = String(req.headers.host ?? '');
      const url = req.url ?? '/';
      site?.requests.push({ host, path: url, servername: (req.socket as TLSSocket).servername ?? false });
      const page = site?.pages.get(host);
      if (page) page(res, url);
      else {
        res.writeHead(404);
        res.end();
      }
    });
    server.on('connection', () => {
      if (holder.site) holder.site.connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    holder.site = new LinkSite(server, port, caFile);
    return holder.site;
  }

  /** Serves `host`'s requests with `page`. */
  serve(host: string, page: Page): void {
    this.pages.set(host, page);
  }

  /** The server's settings: these names resolve to these addresses, and allowed connections come here. */
  serverEnv(hosts: Record<string, string>): Record<string, string> {
    return {
      LINK_PREVIEW_TEST_CA_FILE: this.caFile,
      LINK_PREVIEW_TEST_HOSTS: Object.entries(hosts)
        .map(([name, address]) => `${name}=${address}`)
        .join(','),
      LINK_PREVIEW_TEST_CONNECT: `127.0.0.1:${this.port}`,
      LINK_PREVIEW_CONCURRENCY: '50',
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export const html = (head: string) => `<!doctype html><html><head>${head}</head><body>page</body></html>`;
