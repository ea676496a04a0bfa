import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run typecheck` (next typegen, then tsc) checks everything the
  // build's own TypeScript pass would, route types included, and CI runs it
  // beside the linter; the build does not repeat it (about 30 s on node-svc).
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The stylesheet is small (about 5 KB compressed) and blocks the first
    // paint; inlined, it arrives with the HTML instead of one round trip later.
    inlineCss: true,
  },
  // The web app bundles the SDK as built (`npm run build -w @chat/sdk`, run by
  // build and dev): its sources import './client.js' for client.ts, as Node's
  // ESM wants, and Turbopack does not map those onto .ts files. Type checking
  // still reads the sources (tsconfig paths).
  turbopack: {
    resolveAlias: {
      '@chat/sdk': './sdk/dist/index.js',
      '@chat/sdk/react': './sdk/dist/react/index.js',
      '@chat/sdk/indexeddb': './sdk/dist/storage/indexeddb.js',
      '@chat/sdk/protocol': './sdk/dist/protocol/index.js',
    },
  },
  // Native, WASM and worker-thread packages stay in node_modules, loaded by
  // Node as they are, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/adapter-pg',
    'pg',
    '@node-rs/argon2',
    'pino',
    'socket.io',
    'prom-client',
  ],
};

export default nextConfig;
