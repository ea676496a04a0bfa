import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // The stylesheet is small (about 5 KB compressed) and blocks the first
    // paint; inlined, it arrives with the HTML instead of one round trip later.
    inlineCss: true,
  },
  // The browser bundle takes @chat/sdk as an app would, from sdk/dist (built
  // first by `npm run build`): tsconfig's paths point the typecheck at
  // sdk/src, whose ESM-style `./x.js` imports the bundler does not map to .ts.
  turbopack: {
    resolveAlias: {
      '@chat/sdk': './sdk/dist/index.js',
      '@chat/sdk/react': './sdk/dist/react/index.js',
      '@chat/sdk/indexeddb': './sdk/dist/storage/indexeddb.js',
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
