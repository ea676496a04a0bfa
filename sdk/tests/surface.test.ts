// What the SDK ships besides its code: REST types that match the OpenAPI
// document the server serves, and an example that runs against a fresh server.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { buildOpenApiDocument } from '@/lib/openapi';
import { renderSchema, SCHEMA_FILE } from '@/scripts/sdk-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerUnderTest, type ServerUnderTest } from './support/server';

const run = promisify(execFile);
let server: ServerUnderTest;
beforeAll(async () => {
  server = await startServerUnderTest('chat_sdk_surface');
});
afterAll(async () => {
  await server?.dispose();
});

describe('the REST types', () => {
  it('are generated from the document GET /api/v1/openapi.json serves, as checked in', async () => {
    const served = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    // `npm run sdk:openapi` renders buildOpenApiDocument(): the same document the server serves…
    expect(served, 'the served OpenAPI document is not the one `npm run sdk:openapi` reads').toEqual(
      JSON.parse(JSON.stringify(buildOpenApiDocument())),
    );
    // …and its rendering is what sdk/src/rest/schema.d.ts holds.
    expect(
      (await renderSchema()) === (await readFile(SCHEMA_FILE, 'utf8')),
      'sdk/src/rest/schema.d.ts is out of date with the OpenAPI document: run `npm run sdk:openapi` and commit it',
    ).toBe(true);
  });
});

describe('sdk/examples/node-chat.mjs', () => {
  it('runs against a fresh server, exits 0 and prints the message that arrived', async () => {
    const { stdout } = await run(process.execPath, ['sdk/examples/node-chat.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, CHAT_URL: server.url },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^Ben received #\d+: Hello Ben, it is /m);
    expect(stdout).toMatch(/^Ann received #\d+: Hi Ann! Got it\./m);
  });
});
