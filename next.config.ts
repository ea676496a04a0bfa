import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // The stylesheet is small (about 5 KB compressed) and blocks the first
    // paint; inlined, it arrives with the HTML instead of one round trip later.
    inlineCss: true,
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
